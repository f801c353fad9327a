# pmrun — run `make help` for the targets.
GO        ?= go
GOFLAGS   ?= -buildvcs=false
export GOFLAGS
BIN       ?= bin/pmrun
LINT      ?= $(shell command -v golangci-lint 2>/dev/null || echo $(HOME)/go/bin/golangci-lint)
LINT_VERSION := v2.15.0

.PHONY: help build demo test test-race lint check conformance conformance-all conformance-record bench jslib fmt

help: ## show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

build: ## build bin/pmrun
	CGO_ENABLED=0 $(GO) build -trimpath -o $(BIN) ./cmd/pmrun

demo: ## run the offline demo from source
	$(GO) run ./cmd/pmrun demo

test: ## run all tests (what CI runs)
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 20m ./...

test-race: ## run all tests with the race detector
	$(GO) test -race -count=1 -timeout 30m ./...

lint: ## run golangci-lint (installs the pinned version if missing)
	@test -x "$(LINT)" || $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(LINT_VERSION)
	$(LINT) run ./...

check: lint test conformance ## lint, tests and the Newman conformance suite

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
