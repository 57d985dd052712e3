# jianbao — two commands for a new user:
#   make        install what is missing, then build every meeting in data/ into output/
#   make test   install what is missing, then run the whole test suite
SHELL := /bin/bash
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:

NPM_STAMP   := node_modules/.jianbao-installed
BUILD_STAMP := dist/.jianbao-built
SOURCES     := $(shell find pipeline -name '*.ts' 2>/dev/null) tsconfig.json tsconfig.build.json
JIANBAO     := node bin/jianbao.js

.PHONY: all build test check clean schema golden ingest bench fuzz help distribute archive

all: build

## install: npm ci (fonts included: they are npm packages) when package-lock.json changed
install: $(NPM_STAMP)
$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## compile the TypeScript pipeline into dist/
$(BUILD_STAMP): $(NPM_STAMP) $(SOURCES)
	npx tsc -p tsconfig.build.json
	@touch $@

## build: every meeting in data/ → output/<district>/<meeting>/
build: $(BUILD_STAMP)
	$(JIANBAO) build

## check: validate data/ only, write nothing
check: $(BUILD_STAMP)
	$(JIANBAO) check

## test: the whole vitest suite (plus a typecheck)
test: $(BUILD_STAMP)
	@mkdir -p .cache
	npx tsc -p tsconfig.json --noEmit --incremental --tsBuildInfoFile .cache/typecheck.tsbuildinfo
	@status=0; npx vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest-report.json || status=$$?; \
	  node scripts/test-summary.mjs .cache/vitest-report.json; exit $$status

## ingest: merge returned ledgers (RETURNS=returns/*.xlsx by default) into data/<district>/progress/
RETURNS ?= $(wildcard returns/*.xlsx)
ingest: $(BUILD_STAMP)
	@if [ -z "$(RETURNS)" ]; then echo "no returned workbooks: put them in returns/ or pass RETURNS=…"; exit 1; fi
	$(JIANBAO) ingest $(RETURNS)

## archive: the briefings as PDF/A-2b (briefing-pdfa.pdf) for archiving
archive: $(BUILD_STAMP)
	$(JIANBAO) build --format archive

## distribute: numbered copies, bundles and manifests for every built meeting, then output/index.html
distribute: build
	$(JIANBAO) distribute

## schema: regenerate schema/*.schema.json from the zod schemas
schema: $(NPM_STAMP)
	npx tsx scripts/gen-schema.ts

clean:
	rm -rf output dist

help:
	@grep -E '^## ' Makefile | sed 's/^## /  /'

## golden: rewrite the expected reports of test/fixtures/invalid-* and the golden view/text/Doc of test/fixtures/golden/ (review the diff!)
golden: $(NPM_STAMP)
	npx tsx scripts/golden.ts

## fuzz: the long robustness runs (loader properties, ingest fuzzer, SIGKILL trials; JIANBAO_FUZZ_RUNS, default 5000; see scripts/fuzz.ts)
fuzz: $(BUILD_STAMP)
	npx tsx scripts/fuzz.ts

## bench: benchmarks (a script, not a test): briefing vs Typst vs Chromium, cold/no-op builds, scale sets
bench: $(BUILD_STAMP)
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y chromium >/dev/null 2>&1; } || echo "(chromium not installed: the Chromium comparison is skipped)"
	@# The Typst reference compiler is installed for the benchmark only: its package lists
	@# platform binaries that do not exist, which would break `npm ci` from the lock file.
	@test -d node_modules/@myriaddreamin/typst-ts-node-compiler || npm install --no-save --no-audit --no-fund @myriaddreamin/typst-ts-node-compiler@0.7.0
	npx tsx scripts/bench/run.ts
