#!/usr/bin/env bash
# One prepared GPU session (results in $OUT): the generation tests on CUDA, the speed benchmark,
# prompt adherence of the committed demo image models, then the three demo image models retrained
# from scratch on the GPU by the project's own trainers, and their adherence.
#
#   OUT=/tmp/gpu bash bench/gpu_run.sh        # TRAIN_MINUTES (default 4.5) bounds each trainer
#
# Run from the repository root on a machine with CUDA, torch, diffusers and transformers.
set -u
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
OUT=${OUT:-/tmp/gpu-out}
MIN=${TRAIN_MINUTES:-4.5}
SEEDS=${SEEDS:-10}
ZOO=/tmp/zoo-gpu
mkdir -p "$OUT" "$ZOO"
export PYTHONPATH=$PWD${PYTHONPATH:+:$PYTHONPATH}

{
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv
  python3 -c "import torch, diffusers, transformers; print('torch', torch.__version__, 'diffusers', diffusers.__version__,
'transformers', transformers.__version__, torch.cuda.get_device_name())"
  nproc
} > "$OUT/machine.txt" 2>&1

echo "== speed (GPU alone)"
python3 bench/generation_speed.py --models shapes-diffusion,shapes-gan,shapes-vae,tiny-lm --repeats 3 \
  --json "$OUT/speed.json" > "$OUT/speed.md" 2>&1

echo "== adherence of the committed weights"
python3 bench/adherence.py --seeds "$SEEDS" --json "$OUT/adherence_committed.json" > "$OUT/adherence_committed.md" 2>&1

echo "== training on the GPU (${MIN} min each, concurrently)"
python3 -m generation.zoo.train_shapes --out $ZOO/shapes-diffusion --steps 40000 --max-minutes "$MIN" \
  --batch-size 256 --lr 1e-3 --dataset-size 60000 > "$OUT/train_diffusion.log" 2>&1 &
python3 -m generation.zoo.train_gan --out $ZOO/shapes-gan --steps 60000 --max-minutes "$MIN" \
  --batch-size 128 --dataset-size 60000 > "$OUT/train_gan.log" 2>&1 &
python3 -m generation.zoo.train_vae --out $ZOO/shapes-vae --steps 60000 --max-minutes "$MIN" \
  --batch-size 128 --dataset-size 60000 > "$OUT/train_vae.log" 2>&1 &

echo "== generation tests on CUDA (while training runs)"
python3 -m pytest -p no:django -p no:cacheprovider -q tests/generation/test_byo_models.py \
  tests/generation/test_custom_checkpoint.py tests/generation/test_demo_zoo.py tests/generation/test_diffusion_demo.py \
  tests/generation/test_quality.py tests/generation/test_registry.py tests/generation/test_validate.py \
  > "$OUT/pytest.log" 2>&1
tail -3 "$OUT/pytest.log"
wait

echo "== adherence of the GPU-trained weights"
cp generation/zoo/weights/shapes-adherence -r $ZOO/ 2>/dev/null
python3 bench/adherence.py --seeds "$SEEDS" --weights-root $ZOO --json "$OUT/adherence_gpu.json" \
  > "$OUT/adherence_gpu.md" 2>&1
tar czf "$OUT/zoo-gpu.tgz" -C $ZOO shapes-diffusion shapes-gan shapes-vae
cat "$OUT/speed.md" "$OUT/adherence_committed.md" "$OUT/adherence_gpu.md" | grep "^|"
