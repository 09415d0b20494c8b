#!/usr/bin/env bash
# make check-export: every lab's exported weights and generated script, run in PyTorch and
# compared with gradlab's own answers (see README, "Checking the exports in PyTorch").
#
# 1. A venv at target/check-export/venv with the pinned PyTorch and safetensors (and NumPy,
#    which safetensors.torch.save_file needs), installed by pip from its configured index
#    (PyPI). pip's torch for Linux is the CUDA build: it pulls the nvidia-* wheels, about
#    5.4 GB, and takes about 5 minutes here. Once only: pip keeps what is already installed.
# 2. Export: examples/export_check.rs writes <lab>.safetensors, <lab>.py and gradlab's answers
#    (<lab>.expected.json); compare.py --torch-weights saves each script's module as PyTorch
#    initialises it (<lab>.torch.safetensors).
# 3. Import: export_check.rs loads those into gradlab and writes its answers
#    (<lab>.torch.expected.json).
# 4. compare.py runs each script on both weights files and compares its last line with
#    gradlab's answers.
set -euo pipefail
cd "$(dirname "$0")/../.."

TORCH=2.15.0
SAFETENSORS=0.8.0
NUMPY=2.4.6
DIR=target/check-export
VENV=$DIR/venv
PY=$VENV/bin/python

pinned() {
  "$PY" - <<PYTHON 2>/dev/null
import sys, numpy, torch, safetensors
versions = (torch.__version__.split("+")[0], safetensors.__version__, numpy.__version__)
sys.exit(versions != ("$TORCH", "$SAFETENSORS", "$NUMPY"))
PYTHON
}

if ! pinned; then
  if ! python3 -c 'import ensurepip' 2>/dev/null; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv
    else
      echo "make check-export needs Python's venv: sudo apt-get install -y python3-venv" >&2
      exit 1
    fi
  fi
  echo "Installing torch==$TORCH, safetensors==$SAFETENSORS and numpy==$NUMPY into $VENV" \
    "(about 5.4 GB the first time)..."
  [ -x "$PY" ] || python3 -m venv "$VENV"
  "$PY" -m pip install --quiet "torch==$TORCH" "safetensors==$SAFETENSORS" "numpy==$NUMPY"
fi

OUT=$DIR/out
rm -rf "$OUT"
cargo run --quiet --release --example export_check -- export "$OUT"
"$PY" scripts/check_export/compare.py --torch-weights "$OUT"
cargo run --quiet --release --example export_check -- import "$OUT"
"$PY" scripts/check_export/compare.py "$OUT"
