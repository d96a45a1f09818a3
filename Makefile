# The README's commands. `make test` does all set-up on a fresh clone (virtual environment, install),
# then runs every notebook cell offline (nbdev-test) and pytest.
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OFFLINE := TL_EXPLORE_OFFLINE=true

.PHONY: install test test-full export check-sync readme

$(STAMP): pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Plain nbdev-test skips cells flagged slow or download (tst_flags); pytest exit 5 means no test
# was collected, which for this project means tests/ is broken, so it fails.
test: $(STAMP)
	$(OFFLINE) $(BIN)/nbdev-test
	$(OFFLINE) $(BIN)/pytest -q -rs; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests: tests/ is missing or broken"; exit 1; fi; exit $$rc

# The full lessons: real datasets, downloads when online, minutes of CPU.
test-full: $(STAMP)
	$(BIN)/nbdev-test --flags "slow download"

# Regenerate the library from the notebooks and strip notebook outputs and metadata.
export: $(STAMP)
	$(BIN)/nbdev-export
	$(BIN)/nbdev-clean

# Fails when the library or the notebooks are out of step with what is committed.
check-sync: $(STAMP)
	@before=$$(git status --porcelain); $(BIN)/nbdev-export && $(BIN)/nbdev-clean; after=$$(git status --porcelain); \
	  if [ "$$before" != "$$after" ]; then git status --short; \
	    echo "nbdev-export/nbdev-clean changed files: run 'make export' and commit the result"; exit 1; fi

# README.md from index.ipynb, executed (see .ci/readme.py for why not nbdev-readme).
readme: $(STAMP)
	$(BIN)/python .ci/readme.py
