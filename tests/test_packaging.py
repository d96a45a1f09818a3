"Packaging: the package imports, its version is consistent, and the library matches the notebooks."
import importlib, importlib.metadata, json, re, shutil, subprocess, sys, tomllib
from pathlib import Path
import tl_explore
from conftest import ROOT

MODULES = sorted(p.stem for p in (ROOT/'tl_explore').glob('*.py') if not p.stem.startswith('_'))

def test_every_module_imports():
    assert 'core' in MODULES
    for m in MODULES: importlib.import_module(f'tl_explore.{m}')

def test_version_is_consistent():
    assert importlib.metadata.version('tl_explore') == tl_explore.__version__
    assert 'version' in tomllib.loads((ROOT/'pyproject.toml').read_text())['project']['dynamic']

def test_library_matches_notebooks(tmp_path):
    "Exporting the notebooks afresh reproduces tl_explore/ exactly"
    for f in ('pyproject.toml', 'index.ipynb'): shutil.copy(ROOT/f, tmp_path/f)
    shutil.copytree(ROOT/'nbs', tmp_path/'nbs', symlinks=True)
    (tmp_path/'tl_explore').mkdir()
    shutil.copy(ROOT/'tl_explore'/'__init__.py', tmp_path/'tl_explore'/'__init__.py')
    subprocess.run([Path(sys.executable).parent/'nbdev-export'], cwd=tmp_path, check=True, capture_output=True)
    fresh = {p.name: p.read_text() for p in (tmp_path/'tl_explore').glob('*.py')}
    ours = {p.name: p.read_text() for p in (ROOT/'tl_explore').glob('*.py')}
    assert sorted(fresh) == sorted(ours)
    stale = [n for n in ours if ours[n] != fresh[n]]
    assert not stale, f"out of date with the notebooks (run `make export`): {stale}"

API_NOTEBOOKS = sorted((ROOT/'nbs').glob('[0-9]*.ipynb'))
LESSONS = [ROOT/'index.ipynb', *sorted((ROOT/'nbs'/'tutorials').glob('*.ipynb'))]

def code_cells(fn): return [c for c in json.loads(fn.read_text(encoding='utf-8'))['cells'] if c['cell_type'] == 'code']

def test_every_notebook_is_valid_nbformat():
    "Jupyter, mkdocs-jupyter and nbdev all refuse a notebook that breaks the nbformat schema (e.g. a cell_type 'md')"
    import nbformat
    for fn in [*API_NOTEBOOKS, *LESSONS]: nbformat.validate(nbformat.read(fn, as_version=4))

def test_api_notebooks_are_committed_clean():
    "No outputs or execution counts in the API notebooks (nbdev-clean): their docs pages are executed by make docs"
    assert API_NOTEBOOKS
    for fn in API_NOTEBOOKS:
        for c in code_cells(fn):
            assert not c.get('outputs') and c.get('execution_count') is None, \
                f"{fn.name} has outputs: run `make export`"

def test_lessons_are_committed_executed_and_fresh():
    "index.ipynb and the tutorials carry the outputs of their current code, in the form nbdev-clean and JupyterLab keep"
    from jupyter_client.kernelspec import KernelSpecManager
    from tl_explore.cli import _stale_lessons
    stale = [p.name for p in _stale_lessons(LESSONS)]
    assert not stale, f"code changed since these lessons were executed: {stale}: run `make lessons`, then `make readme`"
    for fn in LESSONS:
        assert any(c.get('outputs') for c in code_cells(fn)), f"{fn.name} has no outputs: run `make lessons`"
        assert all(c.get('execution_count') is None for c in code_cells(fn)), f"{fn.name}: run `make export`"
        meta = json.loads(fn.read_text(encoding='utf-8'))['metadata']
        spec = KernelSpecManager().get_kernel_spec(meta['kernelspec']['name'])
        assert meta['kernelspec']['display_name'] == spec.display_name and 'language_info' in meta, \
            f"{fn.name} would be marked modified when JupyterLab opens it: run `make export`"

MACHINE = re.compile(r"/root/|/home/|/tmp/|site-packages|" + re.escape(str(ROOT)))

def visible(text):
    "`text` without base64 pictures, which could hold any word by chance"
    return re.sub(r'data:image/[\w+.-]+;base64,[\w+/=\s]+', '', text)

def output_texts(fn):
    for i, c in enumerate(code_cells(fn)):
        for o in c.get('outputs', []):
            parts = [o.get('text', ''), *o.get('traceback', []),
                     *(v for k, v in o.get('data', {}).items() if not k.startswith('image/'))]
            yield i + 1, visible(''.join(''.join(p) if isinstance(p, list) else str(p) for p in parts))

def test_published_outputs_hold_no_machine_paths_or_warnings():
    "What GitHub, the docs site and the README show: no path of the build machine, no warning"
    for fn in API_NOTEBOOKS + LESSONS:
        for k, text in output_texts(fn):
            assert not MACHINE.search(text), f"{fn.name}, code cell {k}: a machine path {MACHINE.search(text)[0]!r}"
            assert 'Warning' not in text, f"{fn.name}, code cell {k}: a warning; fix its cause, then `make lessons`"

def test_readme_is_small_and_plain():
    "README.md (make readme): pictures as committed files, no base64, no machine path, no warning, under 40 KB"
    text = (ROOT/'README.md').read_text(encoding='utf-8')
    assert 'data:image' not in text and 'Warning' not in text and not MACHINE.search(text), "run `make readme`"
    size = len(text.encode())
    assert size < 40_000, f"README.md is {size / 1024:.0f} KB: shorten index.ipynb's outputs, then `make readme`"
    pictures = re.findall(r'(?:\]\(|src=")(index_files/[^)"]+)', text)
    assert all((ROOT/p).is_file() for p in pictures), "a picture of README.md is missing: run `make readme`"

def test_index_is_the_start_page_for_nbdev():
    "nbs/index.ipynb is the top-level index.ipynb, not a copy that could drift"
    link = ROOT/'nbs'/'index.ipynb'
    assert link.is_symlink() and link.resolve() == (ROOT/'index.ipynb').resolve()

WIDTH = 110   # characters: a code line that fits JupyterLab's notebook at 1280 px with the file browser open

def test_lesson_code_holds_no_directives_and_fits_the_notebook():
    "A learner reads every line of a lesson's code: no nbdev `#|` directives, no line wider than the notebook"
    for fn in LESSONS:
        for k, c in enumerate(code_cells(fn), 1):
            for line in ''.join(c['source']).splitlines():
                assert not line.lstrip().startswith('#|'), f"{fn.name}, code cell {k}: a directive {line!r}"
                assert len(line) <= WIDTH, f"{fn.name}, code cell {k}: {len(line)} characters: {line[:60]!r}…"

def timings_table():
    "The start page's measured minutes: {row label: minutes}"
    text = ''.join(json.loads((ROOT/'index.ipynb').read_text(encoding='utf-8'))['cells'][2]['source'])
    table = text[text.index('<!-- timings:start -->'):text.index('<!-- timings:end -->')]
    return {re.sub(r'&nbsp;|of which ', '', m[0]).strip(): float(m[1])
            for m in re.findall(r'^\| (.+?) \| ([\d.]+) \|$', table, re.M)}

def test_lesson_introductions_state_the_measured_times():
    "Each lesson's introduction gives its minutes alone and in the tour exactly as the start page's table does"
    table = timings_table()
    for fn in LESSONS[1:]:
        n = fn.stem[:2]
        intro = ''.join(json.loads(fn.read_text(encoding='utf-8'))['cells'][1]['source'])
        said = re.search(r'\*\*How long\*\*: about ([\d.]+) minutes alone .*?, ([\d.]+) in `make tour`', intro)
        assert said, f"{fn.name}: the introduction does not say how long the lesson takes, alone and in the tour"
        alone = next(v for k, v in table.items() if k.startswith(f'lesson {n} alone'))
        tour = next(v for k, v in table.items() if k.startswith(f'{n} —'))
        assert (float(said[1]), float(said[2])) == (alone, tour), (fn.name, said[0], alone, tour)

def test_readme_commands_exist_as_written():
    "Every `make X` the README names is a Makefile target, and every `.venv/bin/X` a program the install puts there"
    text = (ROOT/'README.md').read_text(encoding='utf-8')
    targets = set(re.findall(r'^([\w-]+):', (ROOT/'Makefile').read_text(), re.M))
    named = set(re.findall(r'\bmake ([a-z][\w-]*)', text))
    assert named and named <= targets, f"README names make targets the Makefile lacks: {named - targets}"
    assert re.search(r'VENV \?= \.venv$', (ROOT/'Makefile').read_text(), re.M)   # make's environment is .venv
    programs = set(re.findall(r'\.venv/bin/([\w-]+)', text))
    assert programs, "README does not say how to start JupyterLab from the project's environment (.venv/bin/…)"
    here = Path(sys.executable).parent   # the tests run in that environment
    assert all((here/p).exists() for p in programs), [p for p in programs if not (here/p).exists()]

def test_every_lesson_starts_by_installing_the_package_only_where_it_is_missing():
    """The Colab path: each lesson's first code cell, the same in all, installs from the repository when tl_explore is
    not importable (in a clone, or after pip install, it installs nothing), and says which device trains"""
    repo = tomllib.loads((ROOT/'pyproject.toml').read_text())['project']['urls']['Repository']
    first = {fn.name: ''.join(code_cells(fn)[0]['source']) for fn in LESSONS}
    assert len(set(first.values())) == 1, first
    cell = first['index.ipynb']
    assert "if importlib.util.find_spec('tl_explore') is None:" in cell and f"git+{repo}'" in cell, cell
    assert 'default_device()' in cell.split('\n')[-1]

def test_start_page_opens_every_lesson_in_colab():
    "The README and the docs site's start page link each lesson to Colab, at the path the repository has it"
    repo = tomllib.loads((ROOT/'pyproject.toml').read_text())['project']['urls']['Repository']
    base = 'https://colab.research.google.com/github/' + repo.removeprefix('https://github.com/') + '/blob/main/'
    text = ''.join(''.join(c['source']) for c in json.loads((ROOT/'index.ipynb').read_text())['cells'])
    linked = sorted(re.findall(re.escape(base) + r'([\w/.-]+\.ipynb)\)', text))
    assert linked == sorted(str(fn.relative_to(ROOT)) for fn in LESSONS), linked

def test_the_package_carries_the_lessons():
    "tl_explore/lessons/ links to the lessons and settings.ini (a wheel holds the files): one copy of each"
    folder = ROOT/'tl_explore'/'lessons'
    want = {fn.name: fn for fn in LESSONS} | {'settings.ini': ROOT/'settings.ini'}
    assert sorted(p.name for p in folder.iterdir()) == sorted(want)
    for name, fn in want.items():
        assert (folder/name).is_symlink() and (folder/name).resolve() == fn.resolve(), name
