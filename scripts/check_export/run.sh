#!/usr/bin/env bash
# make check-export: every lab's exported weights and generated script, run in PyTorch and
# compared with gradlab's own answers (see README, "Checking the exports in PyTorch").
#
# 1. The venv at target/torch/venv with the pinned PyTorch and safetensors (and NumPy, which
#    safetensors.torch.save_file needs), shared with make bench's PyTorch columns:
#    scripts/torch_venv.sh installs it from PyPI the first time (about 5.4 GB, about 5 minutes
#    here) and prints its python.
# 2. Export: examples/export_check.rs writes <lab>.safetensors, <lab>.py and gradlab's answers
#    (<lab>.expected.json); compare.py --torch-weights saves each script's module as PyTorch
#    initialises it (<lab>.torch.safetensors).
# 3. Import: export_check.rs loads those into gradlab and writes its answers
#    (<lab>.torch.expected.json).
# 4. compare.py runs each script on both weights files and compares its last line with
#    gradlab's answers.
set -euo pipefail
cd "$(dirname "$0")/../.."

DIR=target/check-export
PY=$(bash scripts/torch_venv.sh | tail -n 1)

OUT=$DIR/out
rm -rf "$OUT"
cargo run --quiet --release --example export_check -- export "$OUT"
"$PY" scripts/check_export/compare.py --torch-weights "$OUT"
cargo run --quiet --release --example export_check -- import "$OUT"
"$PY" scripts/check_export/compare.py "$OUT"
