# TenderBridge: thin wrappers over scripts/, cmake, ctest and npm. See README.md.
SHELL := /bin/bash
BUILD ?= build/release
JOBS ?= $(shell nproc)
PORT ?= 8080
TB := $(BUILD)/src/app/tenderbridge

.PHONY: run test bench build web bootstrap configure format lint clean

bootstrap:
	@scripts/bootstrap

configure: bootstrap
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DTB_BUILD_TESTS=ON >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

web: bootstrap
	@scripts/build-web

# Sets up the machine, builds, loads the demo data on first start and serves
# http://127.0.0.1:$(PORT) with SQLite in var/tenderbridge.db.
run: build web
	@mkdir -p var
	@test -f models/code-predictor.bin || $(TB) train --data data --out models/code-predictor.bin
	@$(TB) serve --database var/tenderbridge.db --port $(PORT) --web web/dist --demo-if-empty data

# Sets up the machine the same way and runs every suite; ends with "N passed, N failed".
test: build web
	@scripts/test-all

bench: bootstrap
	@scripts/bench
	@scripts/bench-search
	@scripts/bench-scheduling
	@scripts/bench-matching
	@scripts/bench-ranking
	@scripts/bench-bids

format:
	@git ls-files '*.cc' '*.h' | xargs clang-format -i

lint:
	@git ls-files '*.cc' '*.h' | xargs clang-format --dry-run --Werror

clean:
	rm -rf build web/dist
