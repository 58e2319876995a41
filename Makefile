# swift-duo: the two commands a newcomer types are in README.md.
SHELL := /bin/bash
SWIFT ?= swift

.PHONY: test deps build release clean

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
