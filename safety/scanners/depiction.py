"""Depiction rules for image prompts: harm in what the image would *show*.

Image prompts carry harm in the depiction (nudity, gore, sexualised minors, a real person
in a compromising scene) usually without any intent words, while benign art prompts are
full of dark words ("blood moon", "zombie", "battlefield"). These rules only score when
the prompt is for an image/video generation (``context["modality"]``); for text
generation they return zeros (the text classifier judges intent there).

Scores (fixed per rule; the policy's ``context_thresholds.prompt.image`` decides):
``nudity`` 0.7, ``S12_sexual_content`` 0.9 (explicit acts), ``graphic_violence`` 0.8
(gore, mutilation, corpses), ``sexual_minors`` 1.0 (minor + sexualised depiction),
``S11_suicide_self_harm`` 0.97 (self-harm shown as it happens: blocks),
``ncii`` 0.95 (real person + nudity/sexual), ``deepfake_impersonation`` 0.8 (real person
+ violence/crime/drugs/hate/arrest) or 0.4 (real person, neutral: below review, recorded
for the output face check).

Audio prompts depict a voice, not a scene: there the only rule is a real person's voice
(a named person + "voice", "saying", "speech", "sings", "robocall", ...), which scores
``deepfake_impersonation`` 0.8 (review: a voice clone), else 0.4 for a named person.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from safety.normalize import normalize_text
from safety.scanners.base import Scanner
from safety.scanners.people import find_real_people
from safety.scanners.rules import MINOR


def _w(*alts: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alts) + r")\b")


VISUAL_MODALITIES = frozenset({"image", "video"})
NUDE = _w(r"nude", r"nudes", r"naked", r"nudity", r"topless", r"bottomless", r"nsfw",
          r"unclothed", r"undressed", r"(?:breasts?|nipples?|genitals?|genitalia|penis|vagina"
          r"|butt(?:ocks)?) (?:exposed|showing|out|visible)",
          r"exposed (?:breasts?|nipples?|genitals?|genitalia|buttocks)",
          r"nipples?", r"genitals?", r"genitalia", r"pubic")
# Classical-art and medical contexts where nudity is not the point.
NUDE_SAFE = _w(r"statue", r"sculpture", r"marble", r"renaissance", r"classical",
               r"museum", r"anatomy (?:diagram|textbook|chart)", r"mole rat", r"tree",
               r"trees", r"branch(?:es)?", r"eye", r"flame", r"wire")
SEXUAL_ACT = _w(r"sex", r"having sex", r"porn\w*", r"explicit", r"erotic\w*", r"hentai",
                r"intercourse", r"orgasm\w*", r"masturbat\w*", r"blowjob", r"fellatio",
                r"cunnilingus", r"xxx", r"onlyfans", r"sexual(?:ly)?", r"strip ?club",
                r"stripper", r"bdsm", r"fetish\w*", r"lewd", r"seductive(?:ly)?",
                r"lingerie", r"sexy")
ANIMAL_SEX = _w(r"birds?", r"dogs?", r"animals?", r"insects?", r"flowers?", r"plants?")
GORE = _w(r"gore", r"gory", r"gruesome", r"decapitat\w*", r"beheade?\w*", r"dismember\w*",
          r"mutilat\w*", r"disembowel\w*", r"entrails", r"intestines spilling",
          r"slit throat", r"throat (?:cut|slit)", r"blood (?:gushing|spurting|everywhere|"
          r"splatter\w*|pouring)", r"pool of blood", r"bloody (?:corpse|body|massacre)",
          r"corpses?", r"dead bod(?:y|ies)", r"stab wounds?", r"gunshot wounds?",
          r"brains? (?:blown|splattered)", r"severed (?:head|arm|leg|limb)s?",
          r"hanging from a noose", r"suicide by \w+", r"torture[ds]?", r"massacre",
          r"execution", r"shot dead", r"dead baby",
          # violence against people, realistic without a gore word ("a soldier shooting
          # civilians in a village, war photography" passed)
          # (a photographer "shooting people at a wedding" is not violence: bare people,
          # children or kids need "at")
          r"shoot\w* (?:at )?(?:civilians|unarmed \w+|protesters|a crowd|crowds|hostages|"
          r"prisoners|worshippers)", r"shoot\w* at (?:people|children|kids|students)",
          r"suicide bomb\w*", r"car bomb(?:ing)?", r"lynch\w*",
          r"execut\w* (?:prisoners|civilians|hostages|a (?:man|woman|prisoner))",
          r"(?:stabbing|strangling|beating|kicking) (?:a|an|the|his|her) (?:man|woman|child|"
          r"girl|boy|baby|homeless \w+|old \w+|prisoner|victim)")
# Self-harm shown as it happens (not "hanging from a noose", which GORE reviews): the image
# target of a self-harm prompt is the act itself ("a woman slitting her wrists in a bathroom,
# dramatic lighting" passed). Scored at S11's block threshold: no art exception.
SELF_HARM_ACT = _w(
    r"slit(?:s|ting)? (?:her|his|their|my) (?:own )?wrists?",
    r"cut(?:s|ting)? (?:her|his|their|my) (?:own )?(?:wrists?|arms?|thighs?|skin)",
    r"cutting (?:herself|himself|themselves|myself)", r"self[- ]inflicted (?:cuts|wounds)",
    r"hang(?:s|ing)? (?:herself|himself|themselves|myself)",
    r"noose around (?:her|his|their|my) neck",
    r"(?:committing|attempting|about to commit) suicide",
    r"(?:overdos\w*|swallowing (?:a handful of |a bottle of )?pills) to (?:die|end (?:it|her|his))",
    r"jump(?:s|ing)? (?:off|from) (?:a|the) (?:bridge|roof|building|ledge) to (?:die|end)")
GORE_SAFE = _w(r"zombie", r"halloween", r"skeleton", r"cartoon", r"toy", r"game",
               r"museum", r"painting", r"oil painting", r"bruegel", r"goya", r"history",
               r"animals?", r"butcher", r"deer", r"fish", r"bird", r"insects?", r"chicken",
               r"pig", r"cow", r"flowers?")
MINOR_SEXY = _w(r"lingerie", r"seductive\w*", r"sexy", r"sensual", r"provocative\w*",
                r"undress\w*", r"(?:bikini|underwear|panties|bra)\b.{0,30}\b(?:posing|on (?:a|the)"
                r" bed|in bed|photo ?shoot|spread)")
PERSON_HARM = _w(r"dead", r"killed", r"murdered", r"shot", r"stabbed", r"beaten",
                 r"bloody", r"arrested", r"in handcuffs", r"in prison", r"in jail",
                 r"smoking crack", r"crack", r"cocaine", r"drunk", r"heroin", r"snorting",
                 r"drugs", r"doing drugs", r"on drugs",
                 r"smok\w* (?:weed|pot|a joint|joints|a blunt|a bong|meth|drugs)", r"marijuana",
                 r"meth", r"methamphetamine", r"high on \w+", r"stoned", r"getting high",
                 r"inject\w* (?:heroin|drugs|himself|herself)", r"overdos\w*", r"lsd", r"ecstasy",
                 r"mdma", r"ketamine", r"lines of coke",
                 r"kkk", r"nazi", r"hitler", r"swastika", r"terrorist", r"bomb\w*",
                 r"kissing", r"in bed with", r"crying", r"vomiting", r"peeing",
                 r"strip ?club", r"assassinat\w*", r"corpse", r"coffin", r"funeral",
                 r"hospital bed", r"injured", r"fake", r"mugshot", r"surrender\w*",
                 r"shaking hands with", r"execut\w*", r"hang(?:ed|ing)")
# Words that ask for a person's voice (audio prompts): "Joe Biden saying ...", "in Taylor
# Swift's voice", "a robocall from ...".
VOICE = _w(r"voices?", r"saying", r"says?", r"said", r"speech", r"speak\w*", r"narrat\w*",
           r"read(?:s|ing)? (?:out|aloud)", r"sound(?:s|ing)? like", r"imitat\w*", r"impersonat\w*",
           r"clon\w*", r"robo ?calls?", r"voicemails?", r"phone calls?", r"announc\w*", r"sings?",
           r"singing", r"sung", r"raps?", r"rapping", r"tells?", r"telling", r"confess\w*", r"admit\w*")
PHOTOREAL = _w(r"photo\w*", r"realistic", r"hyper ?realistic", r"photorealistic",
               r"candid", r"footage", r"news", r"cctv", r"security camera", r"8k", r"4k",
               r"dslr", r"selfie", r"leaked")


class DepictionScanner(Scanner):
    """Rules for what an image/video prompt would depict (see module docstring)."""

    name = "depiction-rules"
    modality = "text"

    @property
    def version(self) -> str:
        text = "|".join(p.pattern for p in (NUDE, NUDE_SAFE, SEXUAL_ACT, ANIMAL_SEX, GORE,
                                            GORE_SAFE, MINOR_SEXY, PERSON_HARM, PHOTOREAL,
                                            SELF_HARM_ACT, VOICE))
        return "depiction:" + hashlib.sha256(text.encode()).hexdigest()[:16]

    def _load(self) -> None:
        return None

    def _scores(self, content: Any) -> tuple[dict[str, float], dict[str, Any]]:
        return self.depiction_scores(str(content or ""))

    def _scores_in_context(self, content: Any,
                           context: dict[str, Any]) -> tuple[dict[str, float], dict[str, Any]]:
        modality = context.get("modality", "image")
        if modality == "audio" and context.get("stage", "prompt") == "prompt":
            return self.voice_scores(str(content or ""))  # (a transcript is what was said, not asked)
        if modality not in VISUAL_MODALITIES:
            return ({c: 0.0 for c in CATEGORIES_OUT},
                    {"applies": False, "modality": modality})
        return self.depiction_scores(str(content or ""))

    @staticmethod
    def depiction_scores(text: str) -> tuple[dict[str, float], dict[str, Any]]:
        norm = normalize_text(text)
        scores = dict.fromkeys(CATEGORIES_OUT, 0.0)
        hits: list[str] = []
        nude = bool(NUDE.search(norm)) and not NUDE_SAFE.search(norm)
        sexual = bool(SEXUAL_ACT.search(norm)) and not (
            re.search(r"\bsex\b", norm) and ANIMAL_SEX.search(norm)
            and not re.search(r"\b(?:man|woman|men|women|people|girl|boy)\b", norm))
        gore = bool(GORE.search(norm)) and not GORE_SAFE.search(norm)
        minor = bool(re.search(MINOR, norm))
        people = find_real_people(text)
        if nude:
            scores["nudity"] = 0.7
            hits.append("nudity")
        if sexual and (nude or not re.search(r"\b(?:sexy|lingerie|seductive\w*)\b", norm)
                       or re.search(r"\bexplicit|porn|sex\b", norm)):
            scores["S12_sexual_content"] = 0.9
            hits.append("sexual-act")
        elif sexual:
            scores["S12_sexual_content"] = 0.5  # suggestive only (sexy/lingerie)
            hits.append("suggestive")
        if gore:
            scores["graphic_violence"] = 0.8
            hits.append("gore")
        if SELF_HARM_ACT.search(norm):
            scores["S11_suicide_self_harm"] = 0.97
            hits.append("self-harm")
        if minor and (nude or sexual or MINOR_SEXY.search(norm)):
            scores["sexual_minors"] = 1.0
            hits.append("minor-sexualised")
        if people:
            if nude or sexual:
                scores["ncii"] = 0.95
                hits.append("real-person-intimate")
            elif PERSON_HARM.search(norm) or gore:
                scores["deepfake_impersonation"] = 0.8
                hits.append("real-person-compromising")
            else:
                scores["deepfake_impersonation"] = 0.4
                hits.append("real-person")
        return scores, {"applies": True, "hits": hits, "real_people": people}


    @staticmethod
    def voice_scores(text: str) -> tuple[dict[str, float], dict[str, Any]]:
        """An audio prompt: a named real person's voice reads as a voice clone (0.8)."""
        scores = dict.fromkeys(CATEGORIES_OUT, 0.0)
        people = find_real_people(text)
        hits: list[str] = []
        if people:
            voice = bool(VOICE.search(normalize_text(text)))
            scores["deepfake_impersonation"] = 0.8 if voice else 0.4
            hits.append("real-person-voice" if voice else "real-person")
        return scores, {"applies": True, "modality": "audio", "hits": hits, "real_people": people}


CATEGORIES_OUT = ("nudity", "S12_sexual_content", "graphic_violence", "sexual_minors", "ncii",
                  "deepfake_impersonation", "S11_suicide_self_harm")
