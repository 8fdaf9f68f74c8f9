# relucad — the two commands of the README's Quick start are `make run` and
# `make test`; .ci/run calls `make test` and nothing else.

GO      ?= go
BIN     := bin/relucad
PKGS    := ./...

.PHONY: run jupyter test build deps deps-test notebooks fuzz bench bench-anchors clean

## run: set up and run the main job — analyse the built-in example end to end,
## then (on an interactive terminal, unless HEADLESS=1) open the notebooks in Jupyter
run: build
	$(BIN) analyze
	@if [ -z "$(HEADLESS)" ] && [ -t 0 ] && [ -t 1 ]; then bash notebooks/jupyter.sh; \
	else echo; echo "(headless: the notebooks open with 'make jupyter')"; fi

## jupyter: open the research notebooks in Jupyter on the relucad kernel
jupyter:
	bash notebooks/jupyter.sh

## build: compile the one binary
build: deps
	$(GO) build -o $(BIN) ./cmd/relucad

## test: set up (Debian test dependencies, Go modules) and run every test
test: deps-test
	$(GO) vet $(PKGS)
	$(GO) test -count=1 -timeout 20m $(PKGS)
	bash notebooks/run.sh check

## notebooks: re-execute the research notebooks and commit-ready rewrite their outputs
notebooks: build
	bash notebooks/run.sh update

deps:
	@command -v $(GO) >/dev/null || { echo "Go is required (https://go.dev/dl)"; exit 1; }
	$(GO) mod download

deps-test: deps
	bash .ci/deps.sh

## fuzz: run every fuzz target for a short while
fuzz:
	bash .ci/fuzz.sh 20s

## bench: Go benchmarks of the engine
bench:
	$(GO) test -run '^$$' -bench . -benchtime 1x $(PKGS)

## bench-anchors: relucad side by side with the anchor systems (needs ../shared/bench)
bench-anchors: build
	bash bench/run.sh

clean:
	rm -rf bin bench/results
