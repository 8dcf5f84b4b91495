"""Bring your own audio model: tiny MusicGen and AudioLDM checkpoints load through the registry.

Both are random and built here from tiny configs (the machines have no model hub): a
MusicGen (T5 text encoder, EnCodec, decoder) with a T5 tokenizer built from a word list,
and an AudioLDM pipeline (UNet2DConditionModel, AutoencoderKL, CLAP text encoder, a
RobertaTokenizer from a hand-written BPE vocabulary, SpeechT5 HiFi-GAN vocoder).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import torch

from generation import GenerationHooks, GenerationRequest, InvalidParameters, ModelLoadError, get_backend, load_registry
from generation.codecs.audio import decode_audio

WORDS = ["a", "fast", "slow", "melody", "song", "in", "minor", "major", "played", "on", "string", "flute", "guitar"]
MUSICGEN_LIMITS = (
    "duration = [0.1, 2.0], guidance_scale = [0.0, 10.0], temperature = [0.0, 2.0], top_k = [0, 32], "
    'format = ["wav", "mp3"]'
)


def save_tiny_musicgen(root):
    from transformers import (
        EncodecConfig,
        EncodecFeatureExtractor,
        MusicgenConfig,
        MusicgenDecoderConfig,
        MusicgenForConditionalGeneration,
        MusicgenProcessor,
        T5Config,
        T5Tokenizer,
    )

    vocab = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), ("▁", -2.0)]
    vocab += [("▁" + w, -3.0) for w in WORDS] + [(c, -5.0) for c in "abcdefghijklmnopqrstuvwxyz"]
    tokenizer = T5Tokenizer(vocab=vocab, extra_ids=0)
    text = T5Config(
        vocab_size=len(vocab), d_model=16, d_kv=8, d_ff=32, num_layers=1, num_heads=2, pad_token_id=0, eos_token_id=1
    )
    audio = EncodecConfig(
        sampling_rate=8000,
        audio_channels=1,
        hidden_size=8,
        num_filters=4,
        upsampling_ratios=[8, 5, 4],  # hop 160: 50 frames/s
        codebook_size=32,
        codebook_dim=8,
        num_residual_layers=1,
        num_lstm_layers=1,
        target_bandwidths=[0.5],  # 2 codebooks of 5 bits at 50 Hz
        normalize=False,
    )
    decoder = MusicgenDecoderConfig(
        vocab_size=32,
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        ffn_dim=32,
        num_codebooks=2,
        max_position_embeddings=128,
        pad_token_id=32,
        bos_token_id=32,
        audio_channels=1,
    )
    torch.manual_seed(0)
    config = MusicgenConfig(text_encoder=text.to_dict(), audio_encoder=audio.to_dict(), decoder=decoder.to_dict())
    model = MusicgenForConditionalGeneration(config)
    with torch.no_grad():  # EnCodec's codebooks start at zero: every code would decode to the same audio
        for layer in model.audio_encoder.quantizer.layers:
            layer.codebook.embed.normal_()
    model.generation_config.decoder_start_token_id = 32
    model.generation_config.pad_token_id = 32
    processor = MusicgenProcessor(EncodecFeatureExtractor(feature_size=1, sampling_rate=8000), tokenizer)
    out = root / "musicgen"
    model.save_pretrained(out)
    processor.save_pretrained(out)
    return out


def save_tiny_audioldm(root):
    from diffusers import AudioLDMPipeline, AutoencoderKL, DDIMScheduler, UNet2DConditionModel
    from transformers import (
        ClapTextConfig,
        ClapTextModelWithProjection,
        RobertaTokenizer,
        SpeechT5HifiGan,
        SpeechT5HifiGanConfig,
    )

    torch.manual_seed(0)
    unet = UNet2DConditionModel(
        block_out_channels=(8, 16),
        layers_per_block=1,
        norm_num_groups=8,
        sample_size=32,
        in_channels=4,
        out_channels=4,
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
        up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
        cross_attention_dim=(8, 16),
        class_embed_type="simple_projection",
        projection_class_embeddings_input_dim=8,
        class_embeddings_concat=True,
    )
    vae = AutoencoderKL(
        block_out_channels=[8, 16],
        in_channels=1,
        out_channels=1,
        norm_num_groups=8,
        down_block_types=["DownEncoderBlock2D", "DownEncoderBlock2D"],
        up_block_types=["UpDecoderBlock2D", "UpDecoderBlock2D"],
        latent_channels=4,
    )
    text = ClapTextModelWithProjection(
        ClapTextConfig(
            bos_token_id=0,
            eos_token_id=2,
            pad_token_id=1,
            hidden_size=8,
            intermediate_size=37,
            num_attention_heads=1,
            num_hidden_layers=1,
            vocab_size=100,
            projection_dim=8,
        )
    )
    symbols = ["<s>", "<pad>", "</s>", "<unk>", "<mask>", "Ġ"] + list("abcdefghijklmnopqrstuvwxyz")
    merges = [("Ġ", "a"), ("e", "l"), ("Ġ", "s")]
    vocab = {t: i for i, t in enumerate(symbols + ["".join(m) for m in merges])}
    tokenizer = RobertaTokenizer(vocab=vocab, merges=merges, model_max_length=77)
    vocoder = SpeechT5HifiGan(
        SpeechT5HifiGanConfig(
            model_in_dim=8,
            sampling_rate=16000,
            upsample_initial_channel=16,
            upsample_rates=[2, 2],
            upsample_kernel_sizes=[4, 4],
            resblock_kernel_sizes=[3, 7],
            resblock_dilation_sizes=[[1, 3, 5], [1, 3, 5]],
            normalize_before=False,
        )
    )
    scheduler = DDIMScheduler(
        beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear", clip_sample=False, set_alpha_to_one=False
    )
    pipe = AudioLDMPipeline(
        vae=vae, text_encoder=text, tokenizer=tokenizer, unet=unet, scheduler=scheduler, vocoder=vocoder
    )
    out = root / "audioldm"
    pipe.save_pretrained(out)
    return out


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    torch.set_num_threads(1)
    root = tmp_path_factory.mktemp("byo-audio")
    musicgen, audioldm = save_tiny_musicgen(root), save_tiny_audioldm(root)
    path = root / "models.toml"
    path.write_text(
        f"""[[models]]
name = "tiny-musicgen"
family = "autoregressive"
modality = "audio"
loader = "transformers-text-to-audio"
source = "{musicgen}"
version = "0"
device = "cpu"
defaults = {{ duration = 0.4, guidance_scale = 3.0, temperature = 1.0, top_k = 20, format = "wav" }}
limits = {{ {MUSICGEN_LIMITS} }}

[[models]]
name = "tiny-audioldm"
family = "diffusion"
modality = "audio"
loader = "diffusers-audio"
source = "{audioldm}"
version = "0"
device = "cpu"
defaults = {{ steps = 2, guidance_scale = 2.0, duration = 0.5, negative_prompt = "", format = "wav" }}
limits = {{ steps = [1, 10], guidance_scale = [0.0, 10.0], duration = [0.1, 2.0], format = ["wav", "mp3"] }}
"""
    )
    return load_registry(path)


def decoded_seconds(item) -> float:
    pcm, rate = decode_audio(item.data)
    return len(pcm) / rate


def test_musicgen_end_to_end(registry):
    backend = get_backend(registry["tiny-musicgen"])
    backend.load()
    assert (backend.sample_rate, backend.frame_rate, backend.num_codebooks) == (8000, 50.0, 2)
    calls = []

    def mark(pcm, rate):
        calls.append((pcm.shape, pcm.dtype, rate))
        return pcm * 0.5

    reqs = [
        GenerationRequest("a fast melody in A minor played on a flute", {}, seed=1),
        GenerationRequest("slow guitar song", {"duration": 0.3, "format": "mp3", "temperature": 0.0}, seed=2),
    ]
    items = backend.generate(reqs, GenerationHooks(audio_watermark=mark))
    assert [i.mime for i in items] == ["audio/wav", "audio/mpeg"]
    assert calls == [((3200,), np.float32, 8000), ((2400,), np.float32, 8000)]  # mono (n,), before encoding
    meta = items[0].metadata
    assert meta["watermarked"] and meta["sample_rate"] == 8000 and meta["channels"] == 1
    assert meta["duration_s"] == 0.4 and meta["new_tokens"] == 21  # 0.4 s x 50 Hz + 1 delay step
    assert meta["condition"] == {"key": "A", "mode": "minor", "tempo": "fast", "bpm": None, "instrument": "flute"}
    assert abs(decoded_seconds(items[0]) - 0.4) < 1e-6 and abs(decoded_seconds(items[1]) - 0.3) < 0.03
    again = backend.generate([reqs[0]])[0]
    assert again.data != items[0].data  # no watermark hook this time: the samples are not halved
    assert not again.metadata["watermarked"]
    assert backend.generate([reqs[0]], GenerationHooks(audio_watermark=mark))[0].data == items[0].data
    other = backend.generate([GenerationRequest(reqs[0].prompt, {}, seed=3)])[0]
    assert other.data != again.data
    with pytest.raises(InvalidParameters, match="duration must be a number between 0.1 and 2.0"):
        backend.generate([GenerationRequest("x", {"duration": 5.0})])
    with pytest.raises(InvalidParameters, match="format must be one of"):
        backend.validate({"format": "ogg"})


def test_audioldm_end_to_end(registry):
    backend = get_backend(registry["tiny-audioldm"])
    reqs = [
        GenerationRequest("a slow melody in C major", {}, seed=1),
        GenerationRequest("rain on a roof", {"negative_prompt": "noise", "format": "mp3"}, seed=2),
        GenerationRequest("a slow melody in C major", {"duration": 0.25}, seed=1),
    ]
    seen = []
    items = backend.generate(reqs, GenerationHooks(audio_watermark=lambda pcm, rate: seen.append(rate) or pcm))
    assert seen == [16000, 16000, 16000]
    assert [i.mime for i in items] == ["audio/wav", "audio/mpeg", "audio/wav"]
    assert items[0].metadata["pipeline"] == "AudioLDMPipeline" and items[0].metadata["watermarked"]
    assert items[1].metadata["timings"]["batch_size"] == 2  # same steps/guidance/duration: one pipeline call
    assert items[0].metadata["condition"]["key"] == "C" and items[0].metadata["sample_rate"] == 16000
    assert [round(decoded_seconds(i), 2) for i in items] == [0.5, 0.5, 0.25]
    again = backend.generate(reqs[:2])
    assert [a.data for a in again] == [i.data for i in items[:2]]  # same seeds, same bytes
    with pytest.raises(InvalidParameters, match="steps must be an integer between 1 and 10"):
        backend.generate([GenerationRequest("x", {"steps": 50})])
    with pytest.raises(InvalidParameters, match="negative_prompt must be a string"):
        backend.validate({"negative_prompt": 3})


def test_audio_load_errors(tmp_path, registry):
    with pytest.raises(ModelLoadError, match="no config.json"):
        get_backend(replace(registry["tiny-musicgen"], source=str(tmp_path))).load()
    with pytest.raises(ModelLoadError, match="no model_index.json"):
        get_backend(replace(registry["tiny-audioldm"], source=str(tmp_path))).load()
    with pytest.raises(ModelLoadError, match="not a local directory"):
        get_backend(replace(registry["tiny-audioldm"], source=str(tmp_path / "missing"))).load()
