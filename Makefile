# The README's commands. `make tour` and `make test` do all set-up on a fresh clone (virtual environment, install);
# tour runs the lessons headless into a report, test runs every notebook cell offline (nbdev-test) and pytest.
VENV ?= .venv
BIN := $(VENV)/bin
# The stamp names pyproject.toml's content: nbdev-export rewrites that file unchanged, which must not trigger a reinstall.
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
# The real-data fixtures beside the project (../shared/data), when present, become the lessons' data_dir.
FIXTURES := $(abspath ../shared/data)
OFFLINE := TL_EXPLORE_OFFLINE=true $(if $(wildcard $(FIXTURES)),TL_EXPLORE_DATA_DIR=$(FIXTURES))

.PHONY: install tour test test-full export check-sync readme

$(STAMP):
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	rm -f $(VENV)/.installed*; touch $(STAMP)

install: $(STAMP)

# The three lessons run headless into tour/index.html (TOUR=--quick: the start page's tour; TOUR="--data-dir DIR": real data).
tour: $(STAMP)
	$(BIN)/tl-explore tour $(TOUR)

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
