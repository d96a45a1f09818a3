"""The lessons as a learner runs them: Run All through a Jupyter kernel, offline, with no download attempt; and the
knobs of settings.ini really reach them.

nbdev-test runs the API notebooks; the lessons (the start page and the tutorials) run here instead, exactly as
JupyterLab's Run All runs them — every cell, in order, in a real kernel started from the lesson's folder — with an
audit hook in the kernel that records any connection beyond this machine before it is made."""
import os, shutil
from pathlib import Path
import nbformat, pytest
from nbclient import NotebookClient
from conftest import ROOT

HERE = Path(__file__).parent
LESSONS = [ROOT/'index.ipynb', *sorted((ROOT/'nbs'/'tutorials').glob('*.ipynb'))]
GUARD = f"import sys; sys.path.insert(0, {str(HERE)!r}); import netguard; netguard.install()"
REPORT = "print('OUTSIDE-ATTEMPTS', len(netguard.attempts), netguard.attempts)"

def run_all(nb, folder, env=None, timeout=900):
    "Execute `nb` in a kernel started in `folder`, as Run All does; returns the executed notebook"
    old = os.environ.copy()
    os.environ.update(env or {})
    try: NotebookClient(nb, timeout=timeout, kernel_name='python3', resources={'metadata': {'path': str(folder)}}).execute()
    finally: os.environ.clear(); os.environ.update(old)
    return nb

def stdout(cell): return ''.join(o.get('text', '') for o in cell.get('outputs', []) if o.get('output_type') == 'stream')

@pytest.mark.parametrize('lesson', LESSONS, ids=[p.stem for p in LESSONS])
def test_run_all_offline_without_download_attempts(lesson):
    nb = nbformat.read(lesson, as_version=4)
    nb.cells = [nbformat.v4.new_code_cell(GUARD), *nb.cells, nbformat.v4.new_code_cell(REPORT)]
    run_all(nb, lesson.parent, {'TL_EXPLORE_OFFLINE': 'auto'})   # auto: a download would be attempted, and caught here
    assert 'OUTSIDE-ATTEMPTS 0 []' in stdout(nb.cells[-1]), stdout(nb.cells[-1])
    flagged = [c.source.splitlines()[0] for c in nb.cells if c.cell_type == 'code' and c.source.startswith('#| ')
               and any(f in c.source.splitlines()[0] for f in ('slow', 'download', 'eval: false'))]
    assert not flagged, f"cells that Run All would run but nbdev-test skips: {flagged}"

def test_settings_file_changes_what_the_cat_to_dog_lesson_runs(tmp_path):
    "A learner's settings.ini beside the lesson sets its image size, epochs and seed"
    lesson = ROOT/'nbs'/'tutorials'/'01_cat_to_dog.ipynb'
    shutil.copy(lesson, tmp_path/lesson.name)
    (tmp_path/'settings.ini').write_text('[tl_explore]\nimage_size = 96\nepochs = 2\nseed = 7\n')
    nb = nbformat.read(tmp_path/lesson.name, as_version=4)
    first = next(i for i, c in enumerate(nb.cells) if c.cell_type == 'code' and 'settings()' in c.source)
    nb.cells = nb.cells[:first + 1] + [nbformat.v4.new_code_cell("print('KNOBS', SIZE, EPOCHS, SEED)")]
    run_all(nb, tmp_path, {'TL_EXPLORE_OFFLINE': 'true'})
    assert 'KNOBS 96 2 7' in stdout(nb.cells[-1]), stdout(nb.cells[-1])
