# Two entry points a newcomer needs: `make app` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# torch is pinned and installed first: this takes the CPU wheel; an unpinned torch pulls a
# multi-GB CUDA build.
TORCH  := torch==2.13.0
PORT   ?= 8501

.PHONY: app test setup setup-test index bench bench-scale e2e clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet $(TORCH)
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

setup: $(VENV)/.installed
setup-test: $(VENV)/.installed-test

index: setup  ## index the bundled sample corpus (unchanged files are skipped)
	$(BIN)/python -m disclosure ingest corpus/documents --quiet

app: index  ## run the app on the sample corpus
	$(BIN)/streamlit run app.py --server.port $(PORT)

test: setup-test  ## lint, then run the test suite
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

e2e: setup-test  ## only the real-browser end-to-end tests
	$(BIN)/python -m pytest -q -m e2e

bench: setup  ## benchmarks: ingestion speed, retrieval quality, embedding comparison
	$(BIN)/python bench/run.py

bench-scale: setup-test  ## search latency/index size at 1k-100k chunks, embedded and server; ingest and gap-check time (reportlab builds the PDFs)
	$(BIN)/python bench/scale.py

clean:
	rm -rf $(VENV) data .pytest_cache
