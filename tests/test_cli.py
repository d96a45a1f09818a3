"""The installed `tl-explore` console script, as a learner runs it from a shell."""
import os, shutil, subprocess, sys
from pathlib import Path
import nbformat

SCRIPT = Path(sys.executable).parent/'tl-explore'
ENV = {**os.environ, 'TL_EXPLORE_OFFLINE': 'true'}

def run(*args, cwd=None):
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=ENV, cwd=cwd, timeout=900)

def test_info_lists_versions_settings_and_embedded_weights():
    assert SCRIPT.exists(), f"{SCRIPT} missing: the console script is not installed (pip install -e .)"
    r = run('info')
    assert r.returncode == 0, r.stderr
    for text in ('versions', 'torch', 'settings', 'offline setting', 'true', 'embedded weights', 'tf_efficientnet_lite0', 'Oxford-IIIT Pet'):
        assert text in r.stdout, text

def test_quick_tour_writes_a_report_with_results_and_explanations(tmp_path):
    r = run('tour', '--quick', '--out', str(tmp_path/'tour'))
    assert r.returncode == 0, r.stdout + r.stderr
    page = (tmp_path/'tour'/'index.html').read_text()
    assert 'dog breeds from 5 pictures each' in page                     # the vision result
    assert 'of the attribution on the deciding part' in page             # the checked explanation
    assert 'right on reviews with held-out sentiment words' in page      # the text result
    assert page.count('data:image/png;base64') >= 2 and 'application/vnd.jupyter.widget-view' not in page
    nb = nbformat.read(tmp_path/'tour'/'index.ipynb', as_version=4)
    assert all(c.get('execution_count') for c in nb.cells if c.cell_type == 'code')

def test_tour_with_a_missing_data_dir_says_so(tmp_path):
    r = run('tour', '--data-dir', str(tmp_path/'nowhere'), '--out', str(tmp_path/'tour'))
    assert r.returncode == 2 and 'no such folder' in r.stderr and not (tmp_path/'tour').exists()
