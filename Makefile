# Egress — build and test entry points. Both install what is missing first
# (scripts/setup.sh: Chromium, Rust target, trunk, wasm-bindgen-cli, npm packages, Slurm and munge).
#
#   make serve   build the release bundle and serve it on http://127.0.0.1:8080
#   make test    every check: fmt, clippy (native + wasm32), native tests, a sharded run
#                on a local Slurm, browser tests, release build, end-to-end tests

SHELL := /bin/bash
.DEFAULT_GOAL := help

# Trunk finds wasm-opt (npm binaryen) and wasm-bindgen (cargo install) on PATH, and
# keeps its cache and config under target/.
export PATH := $(CURDIR)/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)
export XDG_CACHE_HOME := $(CURDIR)/target/xdg-cache
export XDG_CONFIG_HOME := $(CURDIR)/target/xdg-config
export TRUNK_SKIP_VERSION_CHECK := true

HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: help setup dist serve test bench clean

help:
	@echo "make serve   install what is missing, build the release bundle, serve it on http://$(HOST):$(PORT)"
	@echo "make test    install what is missing, run every check (ends with EGRESS TEST SUMMARY)"

setup:
	@scripts/setup.sh

dist: setup
	trunk build --release --offline --locked

serve: dist
	@node scripts/serve.mjs --root dist --host $(HOST) --port $(PORT)

test: setup
	@scripts/test.sh

# Speed, memory and responsiveness figures (printed, never asserted): the simulation
# core natively, then the release bundle in headless Chromium (scripts/bench-browser.mjs),
# then the national preset sharded 1, 2 and 4 ways on a local Slurm (scripts/bench-slurm.sh).
bench: dist
	cargo run --release --locked -p egress-cli -- bench
	node scripts/bench-browser.mjs
	scripts/bench-slurm.sh

clean:
	cargo clean
	rm -rf dist
