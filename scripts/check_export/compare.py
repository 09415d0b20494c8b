#!/usr/bin/env python3
"""The PyTorch half of `make check-export`: runs each lab's generated script and compares what
it prints last with gradlab's own answers, both ways.

For every <lab>.py in the folder given (written by `cargo run --example export_check`):

- `compare.py --torch-weights FOLDER` writes <lab>.torch.safetensors: the script's own module
  (the class its main passes to `load`), initialised by PyTorch from a fixed seed and saved with
  `safetensors.torch.save_file`, for gradlab to import.
- `compare.py FOLDER` runs `python <lab>.py <weights>` on <lab>.safetensors (gradlab's weights,
  exported) and on <lab>.torch.safetensors (PyTorch's, imported by gradlab), reads the script's
  last line (a JSON object of named outputs, each a number or nested lists of numbers), and
  compares every value with gradlab's answers in <lab>.expected.json and
  <lab>.torch.expected.json. A value's relative error is |torch - gradlab| / |gradlab| (the
  absolute difference where gradlab's value is 0). Prints one row per lab and direction, with
  the largest error and where it is, and exits 1 if an output is missing, misshapen, not
  finite, or off by more than TOLERANCE.

Uses only the standard library beside PyTorch, safetensors and NumPy (for save_file).
"""

import importlib.util
import json
import math
import re
import subprocess
import sys
import time
from pathlib import Path

TOLERANCE = 1e-5


def flatten(value, path="", out=None):
    """(path, number) for every number in nested lists, in order."""
    out = [] if out is None else out
    if isinstance(value, list):
        for i, item in enumerate(value):
            flatten(item, f"{path}[{i}]", out)
    else:
        out.append((path, value))
    return out


def compare(ours, theirs):
    """(values compared, largest relative error, where, problems) of one lab's outputs."""
    problems = []
    if set(ours) != set(theirs):
        problems.append(f"outputs differ: gradlab {sorted(ours)}, script {sorted(theirs)}")
    count, worst, where = 0, 0.0, ""
    for key in sorted(set(ours) & set(theirs)):
        a, b = flatten(ours[key]), flatten(theirs[key])
        if [p for p, _ in a] != [p for p, _ in b]:
            problems.append(f"{key}: shapes differ ({len(a)} and {len(b)} values)")
            continue
        for (path, x), (_, y) in zip(a, b):
            count += 1
            if not (isinstance(y, (int, float)) and math.isfinite(y)):
                problems.append(f"{key}{path}: the script gave {y!r}")
                continue
            error = abs(y - x) / abs(x) if x != 0 else abs(y)
            if error > worst:
                worst, where = error, f"{key}{path}: gradlab {x!r}, PyTorch {y!r}"
    return count, worst, where, problems


def run(script, weights):
    """Runs a script on a weights file: its results, its seconds, and its output for a failure."""
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(script), str(weights)], capture_output=True, text=True, check=False
    )
    seconds = time.monotonic() - start
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return None, seconds, done.stdout + done.stderr
    try:
        return json.loads(lines[-1]), seconds, done.stdout
    except json.JSONDecodeError as e:
        return None, seconds, f"its last line is not JSON ({e}):\n{lines[-1][:200]}"


def torch_weights(folder, labs):
    """<lab>.torch.safetensors for every lab: its module as PyTorch initialises it."""
    import torch
    from safetensors.torch import save_file

    for lab in labs:
        path = folder / f"{lab}.py"
        found = re.search(r"load\((\w+)\(\)\)", path.read_text())
        if not found:
            sys.exit(f"{path}: its main does not call load(<Model>())")
        spec = importlib.util.spec_from_file_location(f"gradlab_{lab}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        torch.manual_seed(2026)
        model = getattr(module, found.group(1))()
        state = {k: v.contiguous() for k, v in model.state_dict().items()}
        save_file(state, str(folder / f"{lab}.torch.safetensors"), metadata={"format": "pt"})
        print(f"{lab}: {found.group(1)} initialised by PyTorch, {len(state)} tensors")


def check(folder, lab, direction, weights, expected):
    """One row of the table; whether it passed."""
    if not (folder / expected).exists():
        print(f"{lab:<14}{direction:<8}{'-':>8}{'-':>16}{'-':>9}  FAILED: no {expected}")
        return False
    ours = json.loads((folder / expected).read_text())
    results, seconds, output = run(folder / f"{lab}.py", folder / weights)
    if results is None:
        print(f"{lab:<14}{direction:<8}{'-':>8}{'-':>16}{seconds:>9.1f}  FAILED: the script did not finish")
        print(output.rstrip())
        return False
    count, worst, where, problems = compare(ours, results)
    ok = not problems and worst <= TOLERANCE
    verdict = "ok" if ok else "FAILED"
    print(f"{lab:<14}{direction:<8}{count:>8}{worst:>16.2e}{seconds:>9.1f}  {verdict}")
    for problem in problems:
        print(f"    {problem}")
    if where:
        print(f"    largest at {where}")
    return ok


def main():
    args = sys.argv[1:]
    make_weights = args[:1] == ["--torch-weights"]
    folder = Path((args[1:] if make_weights else args or ["target/check-export/out"])[0])
    labs = sorted(p.stem for p in folder.glob("*.py"))
    if not labs:
        sys.exit(f"no <lab>.py in {folder}: run cargo run --release --example export_check first")
    if make_weights:
        return torch_weights(folder, labs)
    import torch

    print(f"PyTorch {torch.__version__}, tolerance {TOLERANCE:g} relative")
    print("export: gradlab's trained weights, run in PyTorch")
    print("import: PyTorch's initial weights, imported by gradlab")
    print(f"{'lab':<14}{'':<8}{'values':>8}{'max rel. error':>16}{'seconds':>9}  verdict")
    passed = True
    for lab in labs:
        passed &= check(folder, lab, "export", f"{lab}.safetensors", f"{lab}.expected.json")
        passed &= check(folder, lab, "import", f"{lab}.torch.safetensors", f"{lab}.torch.expected.json")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
