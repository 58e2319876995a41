# swift-duo: the two commands a newcomer types are in README.md.
SHELL := /bin/bash
SWIFT ?= swift

.PHONY: test deps build release clean fuzz-smoke sanitize

## test: install missing system packages, then run the whole test suite.
test: deps
	$(SWIFT) test

## deps: install the system libraries the package needs (libcurl with OpenSSL headers).
deps:
	@bash Scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

clean:
	rm -rf .build

## fuzz-smoke: build the libFuzzer targets in Fuzz/ and run each for FUZZ_SECONDS (default 30).
## Fails on any crash or broken property; see Documentation/Hardening.md.
FUZZ_SECONDS ?= 30
fuzz-smoke: deps
	bash Scripts/fuzz.sh all $(FUZZ_SECONDS)

## sanitize: the whole test suite under AddressSanitizer, in its own build folder (.build-asan).
sanitize: deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/Scripts/lsan-suppressions.txt:print_suppressions=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan
