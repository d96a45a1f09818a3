"""The package as a learner without a clone gets it: a wheel, installed into a fresh virtual environment that already
has the oldest torch the package accepts, runs the start page's tour and copies the lessons, outside the repository.

It builds a virtual environment of about 6 GB (torch's CUDA build) and takes minutes, so plain `make test` skips it;
`make wheel-test` runs it, and CI does (.ci/run)."""
import importlib.metadata, json, os, re, subprocess, sys
from pathlib import Path
import pytest
from conftest import ROOT

TORCH, TORCHVISION = '2.14.1', '0.29.1'   # the lower end of pyproject.toml's torch range, with its torchvision

pytestmark = pytest.mark.skipif(os.environ.get('RUN_WHEEL_TEST') != '1',
    reason="builds a wheel and a fresh 6 GB virtual environment (minutes): make wheel-test, or CI")

def sh(*args, cwd, env=None, timeout=1800):
    r = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                       env={**os.environ, **(env or {})})
    assert r.returncode == 0, f"{' '.join(map(str, args))}\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    return r.stdout

def test_the_lower_end_of_the_torch_range_is_what_is_tested():
    "pyproject.toml's lower bound for torch is the version this test installs"
    deps = json.dumps(__import__('tomllib').loads((ROOT/'pyproject.toml').read_text())['project']['dependencies'])
    assert f'"torch>={".".join(TORCH.split(".")[:2])},' in deps, deps

def test_wheel_in_a_fresh_environment_with_another_torch_runs_the_tour(tmp_path):
    here = importlib.metadata.version('torch').split('+')[0]
    sh(sys.executable, '-m', 'pip', 'wheel', '-q', '--no-deps', '-w', tmp_path/'dist', ROOT, cwd=tmp_path)
    wheel, = (tmp_path/'dist').glob('tl_explore-*.whl')
    venv = tmp_path/'venv'
    sh(sys.executable, '-m', 'venv', venv, cwd=tmp_path)
    pip = [venv/'bin'/'python', '-m', 'pip', 'install', '-q']
    sh(*pip, f'torch=={TORCH}', f'torchvision=={TORCHVISION}', cwd=tmp_path)
    sh(*pip, wheel, cwd=tmp_path)   # the torch already there is in the accepted range: pip keeps it
    py = venv/'bin'/'python'
    got = sh(py, '-c', 'import torch, tl_explore; print(torch.__version__, tl_explore.__file__)', cwd=tmp_path).split()
    assert got[0].split('+')[0] == TORCH != here, f"the wheel's environment has torch {got[0]}, the project's {here}"
    assert Path(got[1]).is_relative_to(venv) and not Path(got[1]).is_relative_to(ROOT), got   # not the clone's

    work = tmp_path/'learner'; work.mkdir()   # outside the repository
    out = sh(venv/'bin'/'tl-explore', 'tour', '--quick', '--out', 'report', cwd=work,
             env={'TL_EXPLORE_OFFLINE': 'true', 'OMP_NUM_THREADS': '2'})
    assert re.search(r'index\s+\d+ s\s+ok', out), out
    page = (work/'report'/'index.html').read_text()
    assert 'dog breeds from 3 photos each' in page and 'new reviews right' in page and 'data:image/png' in page

    out = sh(venv/'bin'/'tl-explore', 'lessons', '--copy', 'mine', cwd=work)
    names = sorted(p.name for p in (work/'mine').iterdir())
    assert names == ['01_cat_to_dog.ipynb', '02_text_finetune.ipynb', '03_explain.ipynb', 'index.ipynb',
                     'settings.ini'], names
    start = (work/'mine'/'index.ipynb').read_text()
    assert '](01_cat_to_dog.ipynb)' in start and '](nbs/' not in start
    r = subprocess.run([venv/'bin'/'tl-explore', 'lessons'], cwd=work, capture_output=True, text=True)
    assert r.returncode == 2 and 'tl-explore lessons --copy DIR' in r.stderr, r.stderr   # in place: clones only
