# swift-duo: the two commands a newcomer types are in README.md.
SHELL := /bin/bash
SWIFT ?= swift
## The package traits the repository's own builds enable: the emulator (Hummingbird, SwiftNIO) is
## off by default so that relying parties resolve none of it; the tests, the demo and the docs need it.
TRAITS ?= --traits Emulator

.PHONY: footprint test deps build release clean fuzz-smoke sanitize sanitize-thread demo demo-test browser-test emulator docs interop

## test: install missing system packages, then run the whole test suite.
## Tests run one at a time (--no-parallel): several drive the `duo` binary or a helper server as
## subprocesses and wait for them, and on a 2-core machine parallel tests that wait like that
## starve the async tasks of the timing-sensitive ones (emulator start-up, timeouts, retries).
test: deps
	$(SWIFT) test --no-parallel $(TRAITS)

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
## The suppressions name functions, so stacks must be symbolized: use the toolchain's llvm-symbolizer.
LLVM_SYMBOLIZER ?= $(dir $(realpath $(shell command -v $(SWIFT))))llvm-symbolizer
sanitize: deps
	ASAN_OPTIONS=external_symbolizer_path=$(LLVM_SYMBOLIZER) LSAN_OPTIONS=suppressions=$(CURDIR)/Scripts/lsan-suppressions.txt:print_suppressions=0:external_symbolizer_path=$(LLVM_SYMBOLIZER) $(SWIFT) test --no-parallel --sanitize=address --scratch-path .build-asan $(TRAITS)

## demo: build and start the login demo with its embedded Duo emulator on http://127.0.0.1:8080
## (no credentials, no network). Set DUO_API_HOST/DUO_CLIENT_ID/DUO_CLIENT_SECRET for real Duo.
demo: deps
	cd Examples/LoginDemo && $(SWIFT) build --product login-demo
	cd Examples/LoginDemo && ./.build/debug/login-demo

## demo-test: the demo's HTTP-level end-to-end tests (sign in, prompt, push, callback, granted).
demo-test: deps
	cd Examples/LoginDemo && $(SWIFT) test --no-parallel

## browser-test: drive the demo in headless Chromium over WebDriver; screenshots go to
## Examples/LoginDemo/artifacts/.
browser-test: deps
	bash Scripts/browser-test.sh

## emulator: run the standalone Duo emulator on https://127.0.0.1:8443 (it prints its CA file).
emulator: deps
	$(SWIFT) run $(TRAITS) duo-emulator --port 8443

## interop: Duo's official Python clients (duo-universal 2.3.1, duo-client 5.7.0 from PyPI, in a
## virtual environment under .build), unmodified, against duo-emulator over HTTPS: every scripted
## login through the prompt's HTML forms and the Auth API under signatures v2 and v5.
## See Documentation/Testing.md.
interop: deps
	bash Scripts/interop.sh $(SWIFT)

## sanitize-thread: the whole test suite under ThreadSanitizer, in its own build folder (.build-tsan).
sanitize-thread: deps
	$(SWIFT) test --no-parallel --sanitize=thread --scratch-path .build-tsan $(TRAITS)

## docs: build the DocC documentation of every public library module, offline, with warnings as
## errors (a broken ``Symbol`` link or a missing page fails). Archives go to
## .build/plugins/Swift-DocC/outputs/<Module>.doccarchive.
DOC_TARGETS := DuoCore DuoTransport DuoWebSDK DuoAuthAPI DuoOTP DuoQR DuoTesting DuoEmulator
docs: deps
	$(SWIFT) package $(TRAITS) --disable-sandbox generate-documentation $(foreach t,$(DOC_TARGETS),--target $(t)) --warnings-as-errors

## footprint: what a relying party pays: a throwaway downstream package that uses DuoWebSDK,
## DuoAuthAPI and DuoOTP resolves and builds with the default (lean) traits; prints the figures.
footprint: deps
	bash Scripts/check-footprint.sh
