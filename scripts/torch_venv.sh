#!/usr/bin/env bash
# The one native PyTorch venv, target/torch/venv, shared by make check-export and the PyTorch
# columns of make bench (BENCH_TORCH=1). Ensures it holds the pinned versions and prints its
# python's absolute path as the last (and only) line on stdout; everything else goes to stderr,
# so a caller can take the path with `$(bash scripts/torch_venv.sh)`.
#
# The packages come from pip's configured index (PyPI), nothing else. pip's torch for Linux is
# the CUDA build: it pulls the nvidia-* wheels, about 5.4 GB, and takes about 5 minutes here.
# Once only: when the venv already imports the pinned versions, this only checks that (a few
# seconds, the time to import torch) and installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

TORCH=2.15.0
SAFETENSORS=0.8.0
NUMPY=2.4.6
DIR=target/torch
VENV=$DIR/venv
PY=$VENV/bin/python

# Importing them, not just reading pip's metadata: an interrupted or --no-deps install has the
# metadata but fails to import (libcublasLt missing, see TOOLCHAIN.md).
pinned() {
  "$PY" - <<PYTHON 2>/dev/null
import sys, numpy, torch, safetensors
versions = (torch.__version__.split("+")[0], safetensors.__version__, numpy.__version__)
sys.exit(versions != ("$TORCH", "$SAFETENSORS", "$NUMPY"))
PYTHON
}

if ! pinned; then
  # Two callers at once (make bench beside make check-export) must not run pip into the same
  # venv together: the second waits for the first, then finds the venv pinned.
  mkdir -p "$DIR"
  exec 9>"$DIR/install.lock"
  flock 9
  if ! pinned; then
    if ! python3 -c 'import ensurepip' 2>/dev/null; then
      if [ "$(id -u)" = 0 ]; then
        { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv; } >&2
      else
        echo "The PyTorch venv needs Python's venv: sudo apt-get install -y python3-venv" >&2
        exit 1
      fi
    fi
    echo "Installing torch==$TORCH, safetensors==$SAFETENSORS and numpy==$NUMPY into $VENV" \
      "(about 5.4 GB the first time)..." >&2
    [ -x "$PY" ] || python3 -m venv "$VENV" >&2
    "$PY" -m pip install --quiet "torch==$TORCH" "safetensors==$SAFETENSORS" "numpy==$NUMPY" >&2
    if ! pinned; then
      echo "$VENV still does not import torch $TORCH, safetensors $SAFETENSORS, numpy $NUMPY" >&2
      exit 1
    fi
  fi
  exec 9>&-
fi

echo "$PWD/$PY"
