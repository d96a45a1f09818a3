# The README's commands. `make tour` and `make test` do all set-up on a fresh clone (virtual environment, install);
# tour runs the lessons headless into a report, test runs every notebook cell offline (nbdev-test) and pytest.
VENV ?= .venv
BIN := $(VENV)/bin
# The stamp names pyproject.toml's content: nbdev-export rewrites that file unchanged, which must not trigger a
# reinstall.
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
# One torch thread per process: nbdev-test runs two notebooks at once on 2 cores, and torch's threads contending for
# the cores made small operations up to ~1000x slower (measured: 04_vision took 444 s so, 61 s with one thread).
THREADS := OMP_NUM_THREADS=1
OFFLINE := TL_EXPLORE_OFFLINE=true $(THREADS)

.PHONY: install tour test wheel-test export check-sync lessons readme docs

$(STAMP):
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	rm -f $(VENV)/.installed*; touch $(STAMP)

install: $(STAMP)

# The lessons run headless into tour/index.html (TOUR=--quick: the start page's tour; TOUR="--dataset DIR": your data).
tour: $(STAMP)
	$(BIN)/tl-explore tour $(TOUR)

# nbdev-test runs the API notebooks; the lessons (index.ipynb and nbs/tutorials) run in tests/test_lessons.py, as
# JupyterLab's Run All runs them. pytest exit 5 means no test was collected, which for this project means tests/ is
# broken, so it fails.
test: $(STAMP)
	$(OFFLINE) $(BIN)/nbdev-test --skip-folder-re '^tutorials$$' --skip-file-re '^index'
	$(OFFLINE) $(BIN)/pytest -q -rs; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests: tests/ is missing or broken"; exit 1; fi; exit $$rc

# The package without a clone: a wheel in a fresh virtual environment that has the oldest accepted torch runs the quick
# tour outside the repository (tests/test_wheel.py: minutes, about 6 GB of disk; CI runs it after make test).
wheel-test: $(STAMP)
	RUN_WHEEL_TEST=1 $(BIN)/pytest -q -rs tests/test_wheel.py

# Regenerate the library from the notebooks and clean the notebooks (execution counts, metadata). nbdev-clean keeps
# outputs; the API notebooks have none, the lessons keep theirs. It rewrites the kernel's display name, which
# `tl-explore lessons --form-only` puts back in the executed lessons, so that JupyterLab opens them unmodified.
SYNC = $(BIN)/nbdev-export && $(BIN)/nbdev-clean && $(BIN)/tl-explore lessons --form-only
export: $(STAMP)
	$(SYNC)

# Fails when the library, the notebooks, README.md or the start page's Measured table (from bench/results/) are out of
# step with what is committed.
check-sync: $(STAMP)
	@$(BIN)/python bench/measured.py --check
	@before=$$(git status --porcelain); $(SYNC) && $(BIN)/python .ci/readme.py >/dev/null || exit 1; \
	  after=$$(git status --porcelain); \
	  if [ "$$before" != "$$after" ]; then git status --short; \
	    echo "nbdev-export/nbdev-clean/make readme changed files: run 'make export readme' and commit the result"; \
	    exit 1; fi

# After changing index.ipynb or a tutorial: execute them in place (offline, package defaults) so that they are
# committed with their outputs, then regenerate README.md from index.ipynb. tests/test_packaging.py fails while a
# lesson's code is newer than its outputs. Takes minutes: the lessons train models.
lessons: $(STAMP)
	$(BIN)/tl-explore lessons
	$(BIN)/python .ci/readme.py

# README.md (and its pictures in index_files/) from index.ipynb as committed (see .ci/readme.py).
readme: $(STAMP)
	$(BIN)/python .ci/readme.py

# The docs site in _site/ (open _site/index.html): lessons as committed, API notebooks executed; links checked.
docs: $(STAMP)
	$(THREADS) $(BIN)/python .ci/docs.py
