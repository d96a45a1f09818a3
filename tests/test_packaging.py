"Packaging: the package imports, its version is consistent, and the library matches the notebooks."
import importlib, importlib.metadata, json, shutil, subprocess, sys, tomllib
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

def test_notebooks_are_committed_clean():
    "No outputs or execution counts in the source notebooks (nbdev-clean)"
    for nb in [*(ROOT/'nbs').rglob('*.ipynb'), ROOT/'index.ipynb']:
        for c in json.loads(nb.read_text())['cells']:
            if c['cell_type'] == 'code':
                assert not c.get('outputs') and c.get('execution_count') is None, f"{nb.name} has outputs: run `make export`"

def test_index_is_the_start_page_for_nbdev():
    "nbs/index.ipynb is the top-level index.ipynb, not a copy that could drift"
    link = ROOT/'nbs'/'index.ipynb'
    assert link.is_symlink() and link.resolve() == (ROOT/'index.ipynb').resolve()
