"""Native PyTorch on the benchmark's task, for make bench's PyTorch columns (BENCH_TORCH=1).

gradlab's seed autoencoder (as bench/www/tfjs-bench.js builds it for TF.js) in torch.nn, trained
with torch.optim.Adam on the same MNIST digits, on the CPU, with a chosen number of threads.
One long-lived process per bench run, so torch is imported and the digits decoded once: it
speaks JSON lines, one request on stdin, one answer on stdout (bench/torch-system.mjs).

  start:   {"ready": true, "torch": "2.15.0+cu132", "threads_max": 2, "capability": "AVX2"}
  request: {"threads": 1, "batch": 128, "ms": 2000, "seed": 0, "warmup": 3}
  answer:  {"samples_per_sec": ..., "steps": ..., "first_loss": ..., "last_loss": ...,
            "threads": ...}  or  {"error": "..."}
"""

import gzip
import json
import math
import os
import struct
import sys
import time
import zlib
from pathlib import Path

import torch
from torch import nn

WIDTHS = [784, 128, 64, 32, 16, 8, 4]  # AutoencoderConfig::seed(), src/models/autoencoder.rs
MNIST = Path(__file__).resolve().parent.parent / "assets/mnist/mnist-10k.bin.gz"
TEST_PER_CLASS = 100  # as Mnist::split holds out (src/data/split.rs)

# The protocol owns stdout: anything a library prints goes to stderr instead.
PROTOCOL = sys.stdout
sys.stdout = sys.stderr


def answer(message):
    PROTOCOL.write(json.dumps(message) + "\n")
    PROTOCOL.flush()


def load_digits():
    """The training digits as bytes, (9000, 784) uint8: format in assets/mnist/README.md."""
    payload = gzip.decompress(MNIST.read_bytes())
    count, rows, cols = struct.unpack_from("<3I", payload, 8)
    if payload[:8] != b"GLMNIST1" or rows * cols != 784 or len(payload) != 24 + count * 785:
        raise ValueError(f"MNIST asset: unexpected header {payload[:8]!r} {count}x{rows}x{cols}")
    if zlib.crc32(payload[:-4]) != struct.unpack_from("<I", payload, len(payload) - 4)[0]:
        raise ValueError("MNIST asset: CRC mismatch")
    labels = torch.frombuffer(bytearray(payload[20 : 20 + count]), dtype=torch.uint8)
    pixels = torch.frombuffer(bytearray(payload[20 + count : -4]), dtype=torch.uint8)
    # The digits are grouped by class, so "the first 9,000" would leave out most 9s: hold out the
    # last 100 of each class instead. Not gradlab's seeded split, but the same size and mix,
    # which is all a throughput figure needs.
    keep = torch.cat([(labels == c).nonzero().flatten()[:-TEST_PER_CLASS] for c in range(10)])
    return pixels.view(count, 784)[keep].contiguous()


def seed_autoencoder():
    """784→128→…→4→…→128→784: ReLU between layers, none on the code, sigmoid on the pixels."""
    sizes = WIDTHS + WIDTHS[-2::-1]
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        layers.append(nn.Linear(n_in, n_out))
        if i == len(sizes) - 2:
            layers.append(nn.Sigmoid())
        elif i != len(WIDTHS) - 2:  # not the code
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def train(digits, threads, batch, ms, seed=0, warmup=3):
    """A fresh model trained at `batch` for `ms` of wall time after `warmup` untimed steps.

    samples/s counts drawing each batch (indices, gather, bytes to floats) as gradlab's train
    bench and the TF.js page do: it is part of what a training step costs.
    """
    for name, value, low in (("threads", threads, 1), ("batch", batch, 1), ("seed", seed, 0),
                             ("warmup", warmup, 0)):
        if not isinstance(value, int) or isinstance(value, bool) or value < low:
            raise ValueError(f"{name} must be a whole number >= {low}, got {value!r}")
    if not isinstance(ms, (int, float)) or isinstance(ms, bool) or not ms > 0:
        raise ValueError(f"ms must be a positive number, got {ms!r}")
    torch.set_num_threads(threads)
    torch.manual_seed(seed)  # the weights' initialisation
    model = seed_autoencoder()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    draws = torch.Generator().manual_seed(seed + 1)  # the batches, apart from the weights

    def step():
        at = torch.randint(len(digits), (batch,), generator=draws)
        x = digits[at].float().div_(255)
        loss = nn.functional.mse_loss(model(x), x)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss.item()  # waits for the step, as reading the loss does in the browser

    for _ in range(warmup):
        step()
    steps, first_loss, last_loss = 0, math.nan, math.nan
    t0 = t = time.perf_counter()
    while t - t0 < ms / 1e3:
        last_loss = step()
        if steps == 0:
            first_loss = last_loss
        steps += 1
        t = time.perf_counter()
    # JSON has no NaN: a diverged loss reaches the caller as null, which its checks reject.
    finite = lambda v: v if math.isfinite(v) else None  # noqa: E731
    return {
        "samples_per_sec": steps * batch / (t - t0),
        "steps": steps,
        "first_loss": finite(first_loss),
        "last_loss": finite(last_loss),
        "threads": torch.get_num_threads(),
    }


def main():
    try:
        digits = load_digits()
    except Exception as e:  # noqa: BLE001: the caller is waiting for a line, not a traceback
        answer({"error": f"{type(e).__name__}: {e}"})
        sys.exit(1)
    answer({
        "ready": True,
        "torch": torch.__version__,
        "threads_max": os.cpu_count(),
        "capability": torch.backends.cpu.get_cpu_capability(),
    })
    for line in sys.stdin:  # until the caller closes stdin
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError(f"a request is a JSON object, got {line.strip()}")
            answer(train(digits, **request))
        except Exception as e:  # noqa: BLE001: one bad request answers an error, the process stays
            answer({"error": f"{type(e).__name__}: {e}"})


if __name__ == "__main__":
    main()
