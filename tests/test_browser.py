"""The freeze widget in a real JupyterLab: headless server on localhost, Debian's chromium driven by Playwright.

Moving the slider in the page must reach the kernel (set_frozen) and come back as a new trainable count.
A screenshot is saved to $TL_EXPLORE_ARTIFACTS (default .ci-artifacts/). Skips only where chromium is not installed."""
import os, secrets, socket, subprocess, sys, time, urllib.request
from pathlib import Path
import nbformat, pytest

CHROMIUM = Path('/usr/bin/chromium')
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(os.environ.get('TL_EXPLORE_ARTIFACTS', ROOT/'.ci-artifacts'))
CELL = """from tl_explore.backbones import backbone
from tl_explore.vision import transfer_model
from tl_explore.widgets import FreezeTrainer
bb = backbone()
w = FreezeTrainer(transfer_model(bb.body, bb.n_features, 5))
w"""

def expected_trainable(k):
    "Trainable parameters of the notebook's model with its first k groups frozen, computed here"
    from tl_explore.backbones import backbone
    from tl_explore.freeze import freeze_to
    from tl_explore.vision import transfer_model
    bb = backbone(); m = transfer_model(bb.body, bb.n_features, 5); freeze_to(m, k)
    return sum(p.numel() for p in m.parameters() if p.requires_grad)

def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

@pytest.fixture
def lab(tmp_path):
    "A JupyterLab server on localhost serving tmp_path, with a notebook that builds the freeze widget"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CELL)])
    nb.metadata['kernelspec'] = {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'}
    nbformat.write(nb, tmp_path/'freeze.ipynb')
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, 'TL_EXPLORE_OFFLINE': 'true', 'JUPYTER_CONFIG_DIR': str(tmp_path/'.config'),
           'JUPYTER_RUNTIME_DIR': str(tmp_path/'.runtime'), 'JUPYTERLAB_SETTINGS_DIR': str(tmp_path/'.settings'),
           'JUPYTERLAB_WORKSPACES_DIR': str(tmp_path/'.workspaces')}
    log = open(tmp_path/'lab.log', 'w')
    server = subprocess.Popen([sys.executable, '-m', 'jupyterlab', '--no-browser', '--ServerApp.ip=127.0.0.1', f'--ServerApp.port={port}',
                               f'--IdentityProvider.token={token}', f'--ServerApp.root_dir={tmp_path}', '--LabApp.news_url=',
                               '--LabApp.extension_manager=readonly'] + (['--allow-root'] if os.geteuid() == 0 else []), env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
    url = f'http://127.0.0.1:{port}'
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f'{url}/api/status?token={token}', timeout=2); break
            except OSError:
                if server.poll() is not None: pytest.fail(f"JupyterLab exited: {(tmp_path/'lab.log').read_text()[-2000:]}")
                time.sleep(0.5)
        else: pytest.fail(f"JupyterLab did not answer in 60 s: {(tmp_path/'lab.log').read_text()[-2000:]}")
        yield f'{url}/lab/tree/freeze.ipynb?token={token}'
    finally:
        server.terminate()
        try: server.wait(20)
        except subprocess.TimeoutExpired: server.kill()
        log.close()

@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium; .ci/run does)")
def test_slider_changes_trainable_count_in_jupyterlab(lab):
    from playwright.sync_api import sync_playwright
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=['--no-first-run', '--disable-background-networking', '--disable-component-update'])
        page = browser.new_page(viewport={'width': 1280, 'height': 1000})
        try:
            page.goto(lab, timeout=60_000)
            page.get_by_text('| Idle').first.wait_for(timeout=90_000)    # the kernel is up (status bar)
            count = page.locator('.tl-trainable')
            for attempt in range(4):                                   # a run sent while the kernel still connects can be lost
                page.locator('.jp-Notebook .jp-Cell .cm-content').first.click(timeout=30_000)
                page.keyboard.press('Shift+Enter')
                try: count.wait_for(timeout=60_000); break
                except Exception:
                    if attempt == 3: raise
            before = count.inner_text()
            assert 'trainable' in before and '100.0%' in before, before   # a new model: everything trains
            handle = page.locator('.widget-slider .noUi-handle').first
            track = page.locator('.widget-slider .noUi-base').first
            h, t = handle.bounding_box(), track.bounding_box()
            page.mouse.move(h['x'] + h['width'] / 2, h['y'] + h['height'] / 2); page.mouse.down()
            page.mouse.move(t['x'] + t['width'] + 20, h['y'] + h['height'] / 2, steps=10); page.mouse.up()   # to the end: the whole body frozen
            assert page.locator('.widget-slider .widget-readout').first.inner_text().strip() == '9'
            want = f'trainable: {expected_trainable(9):,} of'           # the slider's last stop: freeze the first 9 groups
            page.wait_for_function("w => { const e = document.querySelector('.tl-trainable'); return e && e.innerText.startsWith(w) }", arg=want, timeout=30_000)
            boxes = page.locator('.widget-checkbox input')
            assert [boxes.nth(i).is_checked() for i in range(10)] == [True] * 9 + [False]   # the switches followed, in the page
            page.screenshot(path=str(ARTIFACTS/'freeze_widget.png'), full_page=True)
        except Exception:
            page.screenshot(path=str(ARTIFACTS/'freeze_widget_failed.png'), full_page=True); raise
        finally: browser.close()
