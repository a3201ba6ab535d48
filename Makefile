# Two commands on a fresh clone: `make demo` and `make test`. Only python3 is assumed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench score clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,fast]'
	touch $(STAMP)

## demo: install, then clean every file in samples/ and show the result
demo: $(STAMP)
	@for f in samples/*.input.*; do \
		echo "=== $$f" >&2; \
		$(BIN)/cleantext clean "$$f" || exit $$?; \
	done

## test: install with the dev extras and run the test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check cleantext tests benchmarks

## bench: speed and memory against the peer tools (see BENCHMARKS.md)
bench: $(STAMP)
	@# An installed package has its bytecode compiled; an editable one in an environment with
	@# PYTHONDONTWRITEBYTECODE set would recompile on every start and skew the cold-start row.
	$(BIN)/python -m compileall -q cleantext
	$(BIN)/python benchmarks/run.py

## score: the shared scorer on every case set beside the project (needs ../shared)
score: $(STAMP)
	@for set in seeds devset realhtml cleaneval-text cleaneval-html zhwce magichtml; do \
		echo "=== $$set"; \
		$(BIN)/python ../shared/eval/score.py ../shared/eval/$$set --cmd '$(BIN)/cleantext clean {}' | tail -3; \
	done

clean-venv:
	rm -rf $(VENV)
