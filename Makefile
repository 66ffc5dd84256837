# Homeward: `make demo` builds and runs the demo on an embedded SQLite file; `make test` runs
# every test. Both install the system packages they need when missing.
SHELL := /bin/bash
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libsqlite3-dev libargon2-dev sqlite3 pkg-config libphonenumber-dev libprotobuf-dev
DEMO_DIR ?= demo

.PHONY: deps build test hostile demo bench clean

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

# The demo refuses an existing database, so a second run starts from a fresh folder.
demo: build
	rm -rf "$(DEMO_DIR)"
	install -d -m 700 "$(DEMO_DIR)"
	"$$($(SWIFT) build -c release --show-bin-path)/homeward" demo --db "$(abspath $(DEMO_DIR))/homeward.sqlite"

bench: deps
	$(SWIFT) build -c release --product homeward-bench
	"$$($(SWIFT) build -c release --show-bin-path)/homeward-bench"

clean:
	rm -rf .build $(DEMO_DIR)
