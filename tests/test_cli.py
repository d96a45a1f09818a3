"""The installed `tl-explore` console script, as a learner runs it from a shell."""
import os, shutil, subprocess, sys
from pathlib import Path
import nbformat
from conftest import ROOT

SCRIPT = Path(sys.executable).parent/'tl-explore'
ENV = {**os.environ, 'TL_EXPLORE_OFFLINE': 'true'}

def run(*args, cwd=None):
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=ENV, cwd=cwd, timeout=900)

def test_info_lists_versions_settings_and_embedded_weights():
    assert SCRIPT.exists(), f"{SCRIPT} missing: the console script is not installed (pip install -e .)"
    r = run('info')
    assert r.returncode == 0, r.stderr
    for text in ('versions', 'torch', 'settings', 'offline setting', 'true', 'embedded weights',
                 'tf_efficientnet_lite0', 'Oxford-IIIT Pet'):
        assert text in r.stdout, text

def test_quick_tour_writes_a_report_with_results_and_explanations(tmp_path):
    r = run('tour', '--quick', '--out', str(tmp_path/'tour'))
    assert r.returncode == 0, r.stdout + r.stderr
    page = (tmp_path/'tour'/'index.html').read_text()
    assert 'dog breeds from 3 photos each' in page                       # the vision result
    assert 'of the positive attribution inside the head box' in page     # the checked explanation
    assert 'new reviews right' in page                                   # the text result
    assert 'data:image/png;base64' in page and 'application/vnd.jupyter.widget-view' not in page
    nb = nbformat.read(tmp_path/'tour'/'index.ipynb', as_version=4)
    assert all(c.get('execution_count') for c in nb.cells if c.cell_type == 'code')

def test_tour_with_a_missing_dataset_folder_says_so(tmp_path):
    r = run('tour', '--dataset', str(tmp_path/'nowhere'), '--out', str(tmp_path/'tour'))
    assert r.returncode == 2 and 'no such folder' in r.stderr and not (tmp_path/'tour').exists()

def test_tour_refuses_to_write_over_the_lessons():
    "--out nbs/tutorials would replace the lessons with their executed copies: refused, nothing written"
    folder = ROOT/'nbs'/'tutorials'
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    r = run('tour', '--out', str(folder))
    assert r.returncode == 2 and 'which the tour did not write' in r.stderr and '--out tour' in r.stderr, r.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before

def test_report_escapes_what_the_learner_set(tmp_path, monkeypatch):
    "A data_dir setting and a notebook's error carrying a script reach index.html as text, never as markup"
    from tl_explore.cli import tour
    shutil.copy(ROOT/'pyproject.toml', tmp_path/'pyproject.toml')   # nbdev's settings, for the cell flags
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("raise ValueError('<script>alert(2)</script>')")])
    nbformat.write(nb, tmp_path/'bad.ipynb')
    monkeypatch.setenv('TL_EXPLORE_DATA_DIR', '/data/<script>alert(1)</script>')
    index, runs = tour(tmp_path/'report', notebooks=[tmp_path/'bad.ipynb'], show=False)
    page = index.read_text()
    assert runs[0]['status'].startswith('failed') and '<script' not in page.lower()
    assert '/data/&lt;script&gt;alert(1)&lt;/script&gt;' in page and '&lt;script&gt;alert(2)' in page
