# Homeward: `make demo` builds and runs the demo on an embedded SQLite file; `make test` runs
# every test. Both install the system packages they need when missing.
SHELL := /bin/bash
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libsqlite3-dev libargon2-dev sqlite3 pkg-config libphonenumber-dev libprotobuf-dev
DEMO_DIR ?= demo
# What the render check needs besides the build (Debian's chromium
# brings no fonts of its own; DejaVu covers Latin and Cyrillic; fc-list tells which
# characters a font covers).
RENDER_APT_PACKAGES := chromium fonts-dejavu-core fontconfig
# The render check's own demo folder (its parent must not be group- or world-writable).
CHECK_DIR ?= .build-checks
# The pages `homeward demo` writes beside its database that the render check requires; any
# other *.html there is checked as well.
RENDER_PAGES ?= homeward-family-report-uk.html homeward-family-report-en.html homeward-family-report-ru.html \
  homeward-stats-report-uk.html homeward-batch-report-uk.html
# The homeward binary it runs: the release build, or HOMEWARD=PATH to use a built one.
ifeq ($(origin HOMEWARD),undefined)
HOMEWARD_BUILD := build
HOMEWARD_BIN = "$$($(SWIFT) build -c release --show-bin-path)/homeward"
else
HOMEWARD_BUILD :=
HOMEWARD_BIN = "$(HOMEWARD)"
endif
# A fresh demo database and its reports in $(CHECK_DIR)/demo (the passwords it prints are
# not kept).
CHECK_DEMO = rm -rf "$(CHECK_DIR)/demo" && install -d -m 700 "$(CHECK_DIR)" "$(CHECK_DIR)/demo" && \
  $(HOMEWARD_BIN) demo --db "$(abspath $(CHECK_DIR))/demo/homeward.sqlite" >/dev/null 2>"$(CHECK_DIR)/demo.log" \
  || { tail -20 "$(CHECK_DIR)/demo.log"; exit 1; }

# Fuzzing: libFuzzer with AddressSanitizer, release build in its own scratch folder (lld
# links libFuzzer's runtime beside SwiftPM's renamed entry point). Each target runs for
# FUZZ_SECONDS on a copy of its corpus under $(FUZZ_DIR), so Tests/Fuzz only changes by hand.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= csv-inquiries csv-manifest dates regions names references phones phc
FUZZ_DIR ?= .build-fuzz
# How long each target runs; CI's short pass runs a fixed number of inputs from a fixed seed
# instead, so that it is repeatable.
FUZZ_FLAGS ?= -max_total_time=$(FUZZ_SECONDS)
FUZZ_BUILD = $(SWIFT) build -c release --scratch-path $(FUZZ_DIR) \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DHOMEWARD_FUZZ \
  -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld

.PHONY: deps build test hostile crash concurrency demo bench clean render-deps render-check fuzz fuzz-build fuzz-short \
  api-deps api-check load-deps load

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@python3 -c 'import argon2' 2>/dev/null || python3 -m pip install --quiet argon2-cffi \
	  || echo "note: argon2-cffi unavailable; the cross-implementation hash test will be skipped"

build: deps
	$(SWIFT) build -c release --product homeward

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Hostile inputs, failure modes and the audit script; also part of `make test`.
hostile: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --filter 'HostileCorpus|Injection|FailureModes|AuditScript'

# Crash safety in full: child homeward processes killed with SIGKILL mid-import, mid-merge,
# mid-decision and mid-status-change, CRASH_KILLS times; `make test` runs a few kills.
CRASH_KILLS ?= 200
CRASH_IMPORT_ROWS ?= 3000
# Empty: a fresh seed each run (the summary prints it; CRASH_SEED=N repeats its kill times).
CRASH_SEED ?=
crash: deps
	$(SWIFT) build --build-tests
	HOMEWARD_CRASH_KILLS=$(CRASH_KILLS) HOMEWARD_CRASH_IMPORT_ROWS=$(CRASH_IMPORT_ROWS) HOMEWARD_CRASH_SEED=$(CRASH_SEED) \
	  $(SWIFT) test --skip-build --filter CrashSafetyTests

# Eight processes at once on one database, CONCURRENCY_OPS steps each in CONCURRENCY_ROUNDS
# rounds; `make test` runs a short pass.
CONCURRENCY_OPS ?= 25
CONCURRENCY_ROUNDS ?= 4
CONCURRENCY_SEED ?=
concurrency: deps
	$(SWIFT) build --build-tests
	HOMEWARD_CONCURRENCY_OPS=$(CONCURRENCY_OPS) HOMEWARD_CONCURRENCY_ROUNDS=$(CONCURRENCY_ROUNDS) \
	  HOMEWARD_CONCURRENCY_SEED=$(CONCURRENCY_SEED) $(SWIFT) test --skip-build --filter ConcurrencyTests

# Builds every fuzz target, then runs each for FUZZ_SECONDS; fails if any crashed, trapped
# on a property or leaked (Tests/Fuzz/lsan-suppressions.txt lists the known false positives).
# Crashing inputs land in $(FUZZ_DIR)/artifacts, logs in $(FUZZ_DIR)/logs.
fuzz: fuzz-build
	@bin="$$($(FUZZ_BUILD) --show-bin-path 2>/dev/null)"; failed=""; \
	rm -rf "$(FUZZ_DIR)/corpus" "$(FUZZ_DIR)/logs"; mkdir -p "$(FUZZ_DIR)/artifacts" "$(FUZZ_DIR)/logs"; \
	for target in $(FUZZ_TARGETS); do \
	  corpus="$(FUZZ_DIR)/corpus/$$target"; log="$(FUZZ_DIR)/logs/$$target.log"; \
	  mkdir -p "$$corpus" && cp Tests/Fuzz/$$target/* "$$corpus"/; \
	  if SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=suppressions="$(abspath Tests/Fuzz/lsan-suppressions.txt)" \
	      "$$bin/fuzz-$$target" "$$corpus" $(FUZZ_FLAGS) -timeout=10 \
	      -print_final_stats=1 -artifact_prefix="$(FUZZ_DIR)/artifacts/$$target-" >"$$log" 2>&1; then \
	    printf '%-14s %s\n' "$$target" "$$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$$log" | tail -1)"; \
	  else \
	    failed="$$failed $$target"; echo "fuzz-$$target FAILED:"; grep -E -A12 'ERROR|Fatal error|==[0-9]+==' "$$log" | head -30; \
	  fi; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz targets that failed:$$failed (inputs in $(FUZZ_DIR)/artifacts)"; exit 1; fi

# A short, repeatable pass for CI: 2,000 inputs per target from seed 1.
fuzz-short:
	$(MAKE) fuzz FUZZ_FLAGS="-runs=2000 -seed=1"

# One `swift build` per product, so nothing but the fuzz executables is built with the sanitizers.
fuzz-build: deps
	@mkdir -p "$(FUZZ_DIR)"; for target in $(FUZZ_TARGETS); do \
	  echo "building fuzz-$$target"; \
	  $(FUZZ_BUILD) --product fuzz-$$target >"$(FUZZ_DIR)/build.log" 2>&1 || { grep -v '^\[' "$(FUZZ_DIR)/build.log" | tail -40; exit 1; }; \
	done

# The demo refuses an existing database, so a second run starts from a fresh folder.
demo: build
	rm -rf "$(DEMO_DIR)"
	install -d -m 700 "$(DEMO_DIR)"
	"$$($(SWIFT) build -c release --show-bin-path)/homeward" demo --db "$(abspath $(DEMO_DIR))/homeward.sqlite"

bench: build
	$(SWIFT) build -c release --product homeward-bench
	"$$($(SWIFT) build -c release --show-bin-path)/homeward-bench"

render-deps:
	@missing=""; for p in $(RENDER_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# The HTML reports rendered by headless Chromium: no errors, no requests, A4 width on screen
# and in print; PNGs and PDFs in $(CHECK_DIR)/render.
render-check: render-deps $(HOMEWARD_BUILD)
	@rm -rf "$(CHECK_DIR)/render"
	@$(CHECK_DEMO)
	@pages=(); for p in $(RENDER_PAGES); do pages+=("$(CHECK_DIR)/demo/$$p"); done; \
	for f in "$(CHECK_DIR)"/demo/*.html; do \
	  case " $(RENDER_PAGES) " in *" $${f##*/} "*) ;; *) pages+=("$$f");; esac; \
	done; \
	python3 scripts/render-check.py "$(CHECK_DIR)/render" "$${pages[@]}"

# The HTTP API against its own spec: schemathesis (from PyPI, installed when missing) on a
# fresh `homeward serve` in a temporary folder (scripts/api-check.sh says what it runs). It
# builds the release binary first; HOMEWARD=PATH uses a binary already built. API_EXAMPLES
# cases per operation (100: about 1.5 minutes with a debug build), API_SEED to repeat a run.
API_EXAMPLES ?= 100
API_INQUIRIES ?= 50
API_SEED ?=
api-deps: deps
	@python3 -c 'import schemathesis' 2>/dev/null && command -v st >/dev/null 2>&1 || python3 -m pip install --quiet schemathesis
	@command -v curl >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq curl; }

api-check: api-deps $(HOMEWARD_BUILD)
	HOMEWARD=$(HOMEWARD_BIN) API_EXAMPLES=$(API_EXAMPLES) API_INQUIRIES=$(API_INQUIRIES) API_SEED=$(API_SEED) \
	  bash scripts/api-check.sh

# A load run with wrk (Debian's, installed when missing) on a fresh server: LOAD_INQUIRIES
# inquiries, LOAD_CONNECTIONS clients on LOAD_THREADS threads for LOAD_DURATION running
# scripts/load.lua (searches, contact entries, field updates); then SIGTERM, and checks: no
# non-2xx, every acknowledged contact entry in the database, the audit chain intact.
# scripts/load.sh prints throughput and latency. HOMEWARD=PATH as for api-check.
LOAD_INQUIRIES ?= 300
LOAD_THREADS ?= 2
LOAD_CONNECTIONS ?= 50
LOAD_DURATION ?= 30s
load-deps: deps
	@command -v wrk >/dev/null 2>&1 && command -v curl >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk curl; }

load: load-deps $(HOMEWARD_BUILD)
	HOMEWARD=$(HOMEWARD_BIN) LOAD_INQUIRIES=$(LOAD_INQUIRIES) LOAD_THREADS=$(LOAD_THREADS) \
	  LOAD_CONNECTIONS=$(LOAD_CONNECTIONS) LOAD_DURATION=$(LOAD_DURATION) bash scripts/load.sh

clean:
	rm -rf .build $(DEMO_DIR) $(CHECK_DIR) $(FUZZ_DIR)
