"""Real-person detection for prompts: a curated public-figure list plus a narrow
"photo of <First Last>" heuristic. Used by the depiction rules (image prompts) and the
face scanner's deepfake check. Kept precise on purpose: a false "real person" turns an
ordinary portrait into a review.
"""

from __future__ import annotations

import re

from safety.normalize import normalize_text

# Living or recent public figures most often targeted by deepfakes (politicians, heads of
# state, celebrities, business leaders). Lower case; matched as whole words.
PUBLIC_FIGURES: tuple[str, ...] = (
    "joe biden", "donald trump", "barack obama", "michelle obama", "kamala harris",
    "hillary clinton", "bill clinton", "george w bush", "george bush", "mike pence",
    "jd vance", "nancy pelosi", "bernie sanders", "alexandria ocasio-cortez", "aoc",
    "ron desantis", "vladimir putin", "volodymyr zelensky", "volodymyr zelenskyy",
    "xi jinping", "kim jong un", "kim jong-un", "emmanuel macron", "olaf scholz",
    "angela merkel", "rishi sunak", "keir starmer", "boris johnson", "justin trudeau",
    "narendra modi", "benjamin netanyahu", "recep tayyip erdogan", "jair bolsonaro",
    "lula da silva", "pope francis", "king charles", "prince harry", "prince william",
    "meghan markle", "kate middleton", "queen elizabeth", "elon musk", "mark zuckerberg",
    "jeff bezos", "bill gates", "sam altman", "tim cook", "warren buffett", "taylor swift",
    "beyonce", "rihanna", "lady gaga", "ariana grande", "selena gomez", "billie eilish",
    "kim kardashian", "kylie jenner", "kanye west", "drake", "justin bieber", "ed sheeran",
    "emma watson", "scarlett johansson", "jennifer lawrence", "angelina jolie",
    "brad pitt", "tom cruise", "leonardo dicaprio", "johnny depp", "margot robbie",
    "zendaya", "gal gadot", "natalie portman", "keanu reeves", "dwayne johnson",
    "will smith", "morgan freeman", "tom hanks", "oprah winfrey", "jennifer aniston",
    "jennifer lopez", "shakira", "miley cyrus", "dua lipa", "cristiano ronaldo",
    "lionel messi", "lebron james", "serena williams", "greta thunberg", "jacinda ardern",
    "sydney sweeney", "millie bobby brown", "jenna ortega", "olivia rodrigo",
    "timothee chalamet", "robert downey jr", "chris hemsworth", "ryan reynolds",
    "the rock", "snoop dogg", "nicki minaj", "cardi b", "pedro sanchez", "giorgia meloni",
    "javier milei", "claudia sheinbaum", "xi", "putin", "zelensky", "zelenskyy", "obama",
    "trump", "biden", "netanyahu", "macron", "merkel", "erdogan", "bolsonaro", "zuckerberg",
)
# Bare surnames/short forms are only trusted for the most distinctive names above.
_NAMES = sorted(set(PUBLIC_FIGURES) - {"xi", "drake", "the rock", "aoc"}, key=len,
                reverse=True)
_LIST_RE = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in _NAMES) + r")\b")

COMMON_FIRST_NAMES = frozenset("""
james john robert michael william david richard joseph thomas charles christopher daniel
matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
tyler aaron jose adam nathan henry douglas zachary peter kyle noah ethan jeremy walter
christian keith roger terry austin sean gerald carl harold dylan arthur lawrence jordan
jesse bryan billy bruce gabriel joe logan alan juan albert willie elijah wayne randy
vincent mason roy ralph bobby russell bradley philip eugene mary patricia jennifer linda
elizabeth barbara susan jessica sarah karen lisa nancy betty sandra margaret ashley
kimberly emily donna michelle carol amanda melissa deborah stephanie dorothy rebecca
sharon laura cynthia amy kathleen angela shirley brenda emma anna pamela nicole samantha
katherine christine helen debra rachel carolyn janet maria catherine heather diane olivia
julie joyce victoria ruth virginia lauren kelly christina joan evelyn judith andrea hannah
megan cheryl jacqueline martha madison teresa gloria sara janice ann kathryn abigail
sophia frances jean alice judy isabella julia grace amber denise danielle marilyn beverly
charlotte natalie theresa diana brittany doris kayla alexis lori marie elon taylor
""".split())  # noqa: SIM905
_NAME_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_PHOTO_OF = re.compile(
    r"\b(?:photo|photograph|picture|pic|image|portrait|selfie|video|footage|headshot|"
    r"snapshot)s? of (" + _NAME_WORD + r") (" + _NAME_WORD + r")\b")


def find_real_people(text: str) -> list[str]:
    """Names of real, identifiable people the text refers to (lower case, deduplicated)."""
    if not text:
        return []
    found: list[str] = []
    for m in _LIST_RE.finditer(normalize_text(text)):
        if m.group(0) not in found:
            found.append(m.group(0))
    for m in _PHOTO_OF.finditer(text):
        first, last = m.group(1), m.group(2)
        if first.lower() in COMMON_FIRST_NAMES:
            name = f"{first} {last}".lower()
            if name not in found:
                found.append(name)
    return found
