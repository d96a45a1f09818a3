"""The lessons as a learner runs them: Run All through a Jupyter kernel, offline, with no download attempt; and the
knobs of settings.ini really reach them.

nbdev-test runs the API notebooks; the lessons (the start page and the tutorials) run here instead, exactly as
JupyterLab's Run All runs them — every cell, in order, in a real kernel started from the lesson's folder — with an
audit hook in the kernel that records any connection beyond this machine before it is made. They run side by side, as
`make tour` runs them."""
import re, shutil
from pathlib import Path
import nbformat, pytest
from fastcore.xtras import modified_env
from tl_explore.cli import run_notebook, run_notebooks
from conftest import ROOT

HERE = Path(__file__).parent
LESSONS = [ROOT/'index.ipynb', *sorted((ROOT/'nbs'/'tutorials').glob('*.ipynb'))]
GUARD = f"import sys; sys.path.insert(0, {str(HERE)!r}); import netguard; netguard.install()"
REPORT = "print('OUTSIDE-ATTEMPTS', len(netguard.attempts), netguard.attempts)"

def stdout(cell): return ''.join(o.get('text', '') for o in cell.get('outputs', []) if o.get('output_type') == 'stream')

@pytest.fixture(scope='module')
def executed():
    "Every lesson, guarded, run side by side as `make tour` runs them: {path: (notebook, error or None)}"
    nbs = []
    for lesson in LESSONS:
        nb = nbformat.read(lesson, as_version=4)
        nb.cells = [nbformat.v4.new_code_cell(GUARD), *nb.cells, nbformat.v4.new_code_cell(REPORT)]
        nbs.append(nb)
    with modified_env(TL_EXPLORE_OFFLINE='auto'):   # auto: a download would be attempted, and caught here
        done = run_notebooks([(nb, lesson.parent) for nb, lesson in zip(nbs, LESSONS)])
    return {lesson: (nb, e) for lesson, nb, (_, e) in zip(LESSONS, nbs, done)}

@pytest.mark.parametrize('lesson', LESSONS, ids=[p.stem for p in LESSONS])
def test_run_all_offline_without_download_attempts(lesson, executed):
    nb, error = executed[lesson]
    assert error is None, error
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
    with modified_env(TL_EXPLORE_OFFLINE='true'): run_notebook(nb, tmp_path)
    assert 'KNOBS 96 2 7' in stdout(nb.cells[-1]), stdout(nb.cells[-1])

def notices(cell):
    "The package's notices a cell printed, line by line"
    return [l for o in cell.get('outputs', []) if o.get('name') == 'stderr'
            for l in o.get('text', '').splitlines() if l.startswith('tl_explore: ')]

def first_epochs(cell):
    "The first epoch number of every table a cell shows with epochs as rows (fastai's progress table, a history)"
    html = ''.join(o.get('data', {}).get('text/html', '') for o in cell.get('outputs', []))
    firsts = []
    for table in re.findall(r'<table.*?</table>', html, re.S):
        head, _, body = table.partition('<tbody>')
        first = re.search(r'<tr>\s*<t[dh][^>]*>\s*(\d+)\s*</t[dh]>', body)
        if re.search(r'<th[^>]*>\s*epoch\s*</th>', head) and first: firsts.append(int(first[1]))
    return firsts

@pytest.mark.parametrize('lesson', LESSONS, ids=[p.stem for p in LESSONS])
def test_each_notice_once_per_cell_and_epochs_count_from_1(lesson, executed):
    nb, _ = executed[lesson]
    for k, c in enumerate((c for c in nb.cells if c.cell_type == 'code'), 1):
        said = notices(c)
        assert len(said) == len(set(said)), f"code cell {k} repeats a notice: {said}"
        assert all(e == 1 for e in first_epochs(c)), f"code cell {k}: a table counts epochs from {first_epochs(c)}"
