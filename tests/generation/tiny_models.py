"""Builders of tiny, random checkpoints in the formats users bring (the machines have no model hub)."""

from __future__ import annotations

import json
from pathlib import Path

import torch

EOS = "<|endoftext|>"


def write_registry(path: Path, entries: list[str]) -> Path:
    path.write_text("\n".join(entries))
    return path


def clip_tokenizer_files(folder: Path) -> None:
    """A hand-written CLIP BPE vocabulary: the ``</w>`` end-of-word marker belongs to the right-hand symbol."""
    letters = list("abcdefghijklmnopqrstuvwxyz")
    vocab: list[str] = ["<|startoftext|>", "<|endoftext|>"]
    vocab += letters + [f"{c}</w>" for c in letters]
    merges = ["r e", "re d</w>", "c i", "ci r", "cir c", "circ l", "circl e</w>", "b l", "bl u", "blu e</w>"]
    for m in merges:
        vocab.append(m.replace(" ", ""))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.json").write_text(json.dumps({tok: i for i, tok in enumerate(vocab)}))
    (folder / "merges.txt").write_text("#version: 0.2\n" + "\n".join(merges) + "\n")


def tiny_vae_and_clip_text(root: Path):
    """The tiny AutoencoderKL, CLIP text encoder and CLIP tokenizer that every tiny latent pipeline here shares."""
    from diffusers import AutoencoderKL
    from transformers import CLIPTextConfig, CLIPTextModel, CLIPTokenizer

    vae = AutoencoderKL(
        in_channels=3,
        out_channels=3,
        block_out_channels=(8, 8),
        down_block_types=("DownEncoderBlock2D", "DownEncoderBlock2D"),
        up_block_types=("UpDecoderBlock2D", "UpDecoderBlock2D"),
        latent_channels=4,
        norm_num_groups=4,
        sample_size=16,
    )
    text = CLIPTextModel(
        CLIPTextConfig(
            vocab_size=1000,
            hidden_size=16,
            intermediate_size=32,
            num_hidden_layers=2,
            num_attention_heads=2,
            max_position_embeddings=77,
            bos_token_id=0,
            eos_token_id=1,
            pad_token_id=1,
        )
    )
    clip_tokenizer_files(root / "_tok")
    tokenizer = CLIPTokenizer(
        str(root / "_tok" / "vocab.json"),
        str(root / "_tok" / "merges.txt"),
        pad_token="<|endoftext|>",
        model_max_length=77,
    )
    return vae, text, tokenizer


def tiny_conditional_unet_config(dims: str) -> dict:
    """Config of a tiny cross-attention UNet (``dims`` "2D" for images, "3D" for video)."""
    return dict(
        sample_size=8,
        in_channels=4,
        out_channels=4,
        block_out_channels=(8, 16),
        layers_per_block=1,
        down_block_types=(f"CrossAttnDownBlock{dims}", f"DownBlock{dims}"),
        up_block_types=(f"UpBlock{dims}", f"CrossAttnUpBlock{dims}"),
        cross_attention_dim=16,
        attention_head_dim=4,
        norm_num_groups=4,
    )


def save_tiny_sd_pipeline(root: Path) -> Path:
    """UNet2DConditionModel + AutoencoderKL + CLIPTextModel (tiny configs) + CLIPTokenizer + a scheduler."""
    from diffusers import EulerDiscreteScheduler, StableDiffusionPipeline, UNet2DConditionModel

    torch.manual_seed(0)
    unet = UNet2DConditionModel(**tiny_conditional_unet_config("2D"))
    vae, text, tokenizer = tiny_vae_and_clip_text(root)
    pipe = StableDiffusionPipeline(
        unet=unet,
        vae=vae,
        text_encoder=text,
        tokenizer=tokenizer,
        scheduler=EulerDiscreteScheduler(num_train_timesteps=100, steps_offset=1),
        safety_checker=None,
        feature_extractor=None,
        requires_safety_checker=False,
    )
    pipe.save_pretrained(root / "pipe")
    return root / "pipe"


def save_tiny_gpt2(root: Path, corpus: list[str] | None = None) -> Path:
    """GPT2LMHeadModel (tiny config) + a byte-level BPE tokenizer trained here by ``tokenizers``."""
    from tokenizers import ByteLevelBPETokenizer
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    corpus = (
        corpus
        or [
            "the red circle is round and the blue square is not",
            "a green triangle points up; a yellow star shines",
            "return the value of the attribute named by the string",
        ]
        * 20
    )
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(corpus, vocab_size=300, min_frequency=1, special_tokens=[EOS], show_progress=False)
    tok = PreTrainedTokenizerFast(tokenizer_object=bpe._tokenizer, bos_token=EOS, eos_token=EOS, unk_token=EOS)
    torch.manual_seed(0)
    model = GPT2LMHeadModel(
        GPT2Config(
            vocab_size=len(tok),
            n_positions=64,
            n_embd=16,
            n_layer=2,
            n_head=2,
            bos_token_id=tok.bos_token_id,
            eos_token_id=tok.eos_token_id,
        )
    )
    out = root / "gpt2"
    model.save_pretrained(out)
    tok.save_pretrained(out)
    return out
