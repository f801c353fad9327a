# pmrun — run `make help` for the targets.
GO        ?= go
GOFLAGS   ?= -buildvcs=false
export GOFLAGS
BIN       ?= bin/pmrun
# (not LINT: make predefines that as "lint", so ?= would never apply)
GOLANGCI_LINT ?= $(shell $(GO) env GOPATH)/bin/golangci-lint
LINT_VERSION := v2.15.0

.PHONY: help build demo deps test test-race lint check conformance conformance-all conformance-record fuzz bench jslib fmt

help: ## show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

build: ## build bin/pmrun
	CGO_ENABLED=0 $(GO) build -trimpath -o $(BIN) ./cmd/pmrun

demo: ## run the offline demo from source
	$(GO) run ./cmd/pmrun demo

test: ## run all tests, the quick way (make check is what CI runs)
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 20m ./...

# The real 1Password SDK test runs without -race: under it the SDK's WASM core takes minutes
# to compile and the SDK's own sign-in deadline expires.
RACE_EXCLUDED := TestRealSDKSignInRefused
test-race: ## go vet, then all tests with the race detector
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 30m -skip '^($(RACE_EXCLUDED))$$' ./...
	$(GO) test -count=1 -run '^($(RACE_EXCLUDED))$$' ./pmvault/onepassword/

lint: ## run golangci-lint (installs the pinned version, from source, if missing or another)
	@$(GOLANGCI_LINT) version 2>/dev/null | grep -q "version $(LINT_VERSION:v%=%) " || \
	  $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(LINT_VERSION)
	$(GOLANGCI_LINT) run ./...

# What make check needs beyond Go, from the distribution's packages (nothing is downloaded as a
# prebuilt binary): node and npm for the conformance comparer, Chromium for the HTML report's
# browser test. golangci-lint is built by make lint.
deps: ## install node, npm and chromium with apt-get when missing (as root, or through sudo)
	@need=""; \
	  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || need="nodejs npm"; \
	  command -v chromium >/dev/null 2>&1 || need="$$need chromium"; \
	  if [ -n "$$need" ]; then \
	    sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	    echo "installing$$need"; \
	    $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$need; \
	  fi; \
	  node --version; chromium --version

# Each stage's time is printed, so the CI log shows where the minutes go.
CHECK_STAGES := deps lint test-race conformance fuzz
check: ## what CI runs: deps, lint, go vet + tests under -race, the Newman conformance suite, fuzzing
	@for s in $(CHECK_STAGES); do t0=$$(date +%s); $(MAKE) --no-print-directory $$s || exit 1; \
	  echo "== make $$s: ok in $$(( $$(date +%s) - t0 ))s"; done

# Each fuzz target (package:Func) runs for FUZZTIME; their seed corpora (testdata/fuzz) run
# in every go test.
FUZZTIME ?= 15s
FUZZ_TARGETS := collections:FuzzOnePassReader collections:FuzzParseVariableFile \
	collections:FuzzParseData collections:FuzzParseURL collections:FuzzReplace \
	pmvault:FuzzVaultFile pmvault:FuzzVaultDocument
fuzz: ## run each fuzz target for FUZZTIME (15s)
	@for t in $(FUZZ_TARGETS); do echo "fuzz $$t for $(FUZZTIME)"; \
	  $(GO) test ./$${t%%:*} -run '^$$' -fuzz "^$${t#*:}\$$" -fuzztime $(FUZZTIME) || exit 1; done

CONFORMANCE_CMD := '$(CURDIR)/$(BIN) run {collection} -e {environment} -g {globals} -d {data} {options} --reporters json --reporter-json-export {report} --export-environment {envout} --export-globals {globalsout}'

conformance: build ## compare pmrun with Newman's recorded outcomes on every case (needs node)
	conformance/conform.sh compare $(CONFORMANCE_CMD)

conformance-all: conformance ## the same as conformance (kept for old scripts)

conformance-record: ## record the project's own cases (conformance/cases) with real Newman 6.2.2 (needs npm)
	conformance/conform.sh oracle $(if $(ONLY),--only $(ONLY))

bench: build ## pmrun vs Newman vs a plain Go client (installs Newman with npm), then Go micro-benchmarks
	$(GO) run ./bench/cmd/pmbench -pmrun $(BIN) -out bench/last-run.md
	$(GO) test -run '^$$' -bench . -benchmem ./collections/ ./sandbox/ ./runner/

jslib: ## regenerate the embedded JavaScript libraries (needs npm)
	cd sandbox/jslib && npm ci && node build.mjs

fmt: ## format the code
	gofmt -w $$(git ls-files '*.go')
