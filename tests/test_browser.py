"""The widgets and lessons in a real JupyterLab, as a learner meets them: headless server on localhost, Debian's
chromium driven by Playwright.

- Moving the freeze widget's slider reaches the kernel (set_frozen) and comes back as a new trainable count.
- Reviews and labels that carry script, rendered by `explain`, the ExplainWidget and the tour report, run nothing.
- The ExplainWidget shows the predicted class in its class menu and beside it, whichever class is chosen; whole
  captions under its thumbnails; a legend under its maps and how to read its checks.
- Opening an executed lesson leaves it unmodified.

Screenshots go to $TL_EXPLORE_ARTIFACTS (default .ci-artifacts/). Skips only where chromium is not installed."""
import os, secrets, shutil, socket, subprocess, sys, time, urllib.request
from pathlib import Path
import nbformat, pytest

CHROMIUM = Path('/usr/bin/chromium')
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(os.environ.get('TL_EXPLORE_ARTIFACTS', ROOT/'.ci-artifacts'))
need_chromium = pytest.mark.skipif(not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium; .ci/run does)")

FREEZE = """from tl_explore.backbones import backbone
from tl_explore.vision import transfer_model
from tl_explore.widgets import FreezeTrainer
bb = backbone()
w = FreezeTrainer(transfer_model(bb, [f'breed {i}' for i in range(5)]))
w"""

# Every payload, if it ever ran, would count itself in window.__pwned.
EVIL = ('<img src=x onerror="window.__pwned=(window.__pwned||0)+1">'
        '<script>window.__pwned=(window.__pwned||0)+1</script>')
HOSTILE = [f"""import numpy as np
from tl_explore.classifier import FunctionClassifier
from tl_explore.explain import explain
EVIL = {EVIL!r}
def fn(texts): return np.array([[0.2, 0.8] if 'great' in t else [0.7, 0.3] for t in texts])
clf = FunctionClassifier(fn, ['bad ' + EVIL, 'good ' + EVIL], 'text', source=EVIL)
review = 'a great film ' + EVIL
explain(clf, review, budget=40, seed=0)""",
"""clf""",
"""from tl_explore.widgets import ExplainWidget
ew = ExplainWidget(clf, [review, 'dull ' + EVIL], budget=40, seed=0)
ew.explain(); ew.wait()
ew"""]

GALLERY = """from tl_explore.backbones import backbone
from tl_explore.data import index_pets, pets_path
from tl_explore.vision import imagenet_classifier
from tl_explore.widgets import ExplainWidget
pets = index_pets(pets_path())
pics = pets[pets.species == 'dog'].groupby('breed').head(1).head(3)
gw = ExplainWidget(imagenet_classifier(backbone(), 64), pics.file.tolist(), captions=pics.breed.tolist(), budget=60)
gw.explain(); gw.wait()
gw"""

def expected_trainable(k):
    "Trainable parameters of the notebook's model with its first k groups frozen, computed here"
    from tl_explore.backbones import backbone
    from tl_explore.freeze import freeze_to, layer_groups
    from tl_explore.vision import transfer_model
    bb = backbone(); clf = transfer_model(bb, [f'breed {i}' for i in range(5)])
    freeze_to(clf, k, train_bn=k < len(layer_groups(clf)) - 1)   # a wholly frozen body's BatchNorm is frozen too
    return sum(p.numel() for p in clf.model.parameters() if p.requires_grad)

def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def notebook(path, *sources):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata['kernelspec'] = {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'}
    nbformat.write(nb, path)

@pytest.fixture(scope='module')
def lab(tmp_path_factory):
    "A JupyterLab server on localhost serving a folder of test notebooks; yields a function: notebook name -> URL"
    tmp = tmp_path_factory.mktemp('lab')
    notebook(tmp/'freeze.ipynb', FREEZE)
    notebook(tmp/'hostile.ipynb', *HOSTILE)
    notebook(tmp/'gallery.ipynb', GALLERY)
    shutil.copy(ROOT/'nbs'/'tutorials'/'03_explain.ipynb', tmp/'lesson.ipynb')
    # every cell stays in the page (JupyterLab 4 otherwise drops cells scrolled out of view from it)
    tracker = tmp/'.settings'/'@jupyterlab'/'notebook-extension'/'tracker.jupyterlab-settings'
    tracker.parent.mkdir(parents=True)
    tracker.write_text('{"windowingMode": "none"}')
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, 'TL_EXPLORE_OFFLINE': 'true', 'JUPYTER_CONFIG_DIR': str(tmp/'.config'),
           'JUPYTER_RUNTIME_DIR': str(tmp/'.runtime'), 'JUPYTERLAB_SETTINGS_DIR': str(tmp/'.settings'),
           'JUPYTERLAB_WORKSPACES_DIR': str(tmp/'.workspaces')}
    log = open(tmp/'lab.log', 'w')
    server = subprocess.Popen([sys.executable, '-m', 'jupyterlab', '--no-browser', '--ServerApp.ip=127.0.0.1',
                               f'--ServerApp.port={port}', f'--IdentityProvider.token={token}', f'--ServerApp.root_dir={tmp}',
                               '--LabApp.news_url=', '--LabApp.extension_manager=readonly']
                              + (['--allow-root'] if os.geteuid() == 0 else []), env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp)
    url = f'http://127.0.0.1:{port}'
    try:
        for _ in range(120):
            try: urllib.request.urlopen(f'{url}/api/status?token={token}', timeout=2); break
            except OSError:
                if server.poll() is not None: pytest.fail(f"JupyterLab exited: {(tmp/'lab.log').read_text()[-2000:]}")
                time.sleep(0.5)
        else: pytest.fail(f"JupyterLab did not answer in 60 s: {(tmp/'lab.log').read_text()[-2000:]}")
        yield lambda name: f'{url}/lab/tree/{name}?reset&token={token}'   # reset: no other notebook's tab
    finally:
        server.terminate()
        try: server.wait(20)
        except subprocess.TimeoutExpired: server.kill()
        log.close()

@pytest.fixture(scope='module')
def browser():
    from playwright.sync_api import sync_playwright
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                              args=['--no-first-run', '--disable-background-networking', '--disable-component-update'])
        yield b
        b.close()

def open_and_run(browser, url, wait_for, timeout=120_000, name='page'):
    "Open a notebook in JupyterLab, run all its cells, and wait until `wait_for` (a CSS selector) appears"
    page = browser.new_page(viewport={'width': 1280, 'height': 1000})
    page.goto(url, timeout=60_000)
    page.get_by_text('| Idle').first.wait_for(timeout=90_000)          # the kernel is up (status bar)
    started = ("() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-InputPrompt')]"
               ".some(e => /\\[(\\d+|\\*)\\]/.test(e.innerText))")   # in this notebook's panel, not another tab's
    for attempt in range(4):                                          # a run sent while the kernel still connects can be lost
        first = page.locator('.jp-Notebook .jp-Cell').first
        first.scroll_into_view_if_needed()
        first.locator('.cm-content').click(timeout=30_000)
        for _ in range(page.locator('.jp-Notebook .jp-Cell').count()): page.keyboard.press('Shift+Enter')
        try: page.wait_for_function(started, timeout=30_000); break     # the kernel took the run: the first cell ran
        except Exception:
            if attempt == 3: page.screenshot(path=str(ARTIFACTS/f'{name}_failed.png'), full_page=True); raise
    try: page.locator(wait_for).first.wait_for(timeout=timeout)
    except Exception: page.screenshot(path=str(ARTIFACTS/f'{name}_failed.png'), full_page=True); raise
    return page

@need_chromium
def test_slider_changes_trainable_count_in_jupyterlab(lab, browser):
    page = open_and_run(browser, lab('freeze.ipynb'), '.tl-trainable', name='freeze_widget')
    try:
        count = page.locator('.tl-trainable')
        before = count.inner_text()
        assert 'trainable' in before and '100.0%' in before, before   # a new model: everything trains
        handle = page.locator('.widget-slider .noUi-handle').first
        track = page.locator('.widget-slider .noUi-base').first
        h, t = handle.bounding_box(), track.bounding_box()
        page.mouse.move(h['x'] + h['width'] / 2, h['y'] + h['height'] / 2); page.mouse.down()
        page.mouse.move(t['x'] + t['width'] + 20, h['y'] + h['height'] / 2, steps=10); page.mouse.up()   # to the end
        assert page.locator('.widget-slider .widget-readout').first.inner_text().strip() == '9'
        want = f'trainable: {expected_trainable(9):,} of'           # the slider's last stop: freeze the first 9 groups
        page.wait_for_function("w => { const e = document.querySelector('.tl-trainable'); return e && e.innerText.startsWith(w) }",
                               arg=want, timeout=30_000)
        boxes = page.locator('.widget-checkbox input')
        assert [boxes.nth(i).is_checked() for i in range(10)] == [True] * 9 + [False]   # the switches followed, in the page
        page.screenshot(path=str(ARTIFACTS/'freeze_widget.png'), full_page=True)
    finally: page.close()

@need_chromium
def test_script_in_reviews_and_labels_runs_nowhere(lab, browser, tmp_path):
    "explain's output, a classifier's repr and the ExplainWidget show the payloads as text; the tour report too"
    page = open_and_run(browser, lab('hostile.ipynb'), 'text=rank agreement', timeout=300_000, name='hostile')
    try:
        page.wait_for_function("() => [...document.querySelectorAll('.jp-OutputArea-output')].some(e => "
                               "e.innerText.includes('evaluations in'))", timeout=60_000)   # the widget's result is in
        time.sleep(2)
        assert page.evaluate('window.__pwned') is None, 'a payload ran in JupyterLab'
        text = page.locator('.jp-Notebook').inner_text()
        assert '<script>' in text and 'onerror=' in text                # shown as text, not swallowed
        page.screenshot(path=str(ARTIFACTS/'hostile.png'), full_page=True)
    finally: page.close()
    from tl_explore.cli import tour
    nb = tmp_path/'hostile.ipynb'
    notebook(nb, *HOSTILE[:2])
    index, runs = tour(tmp_path/'report', notebooks=[nb], show=False)
    assert runs[0]['status'] == 'ok', runs[0]['status']
    report = browser.new_page()
    try:
        report.goto(index.as_uri())
        time.sleep(1)
        assert report.evaluate('window.__pwned') is None, 'a payload ran in the tour report'
        assert '<script>' in report.inner_text('body')
    finally: report.close()

@need_chromium
def test_explain_widget_names_the_predicted_class_and_captions_its_pictures(lab, browser):
    page = open_and_run(browser, lab('gallery.ipynb'), '.tl-legend', timeout=300_000, name='gallery')
    try:
        selected = page.evaluate("() => { const s = document.querySelector('.widget-dropdown select'); "
                                 "return s.options[s.selectedIndex].text }")
        selected = selected.replace('\xa0', ' ')                       # the page shows spaces as no-break spaces
        assert selected.startswith('predicted: '), selected
        captions = page.locator('.tl-caption')
        texts = [t.replace('\xa0', ' ').replace('\n', '').strip() for t in captions.all_inner_texts()]
        for breed in ('american_bulldog', 'american_pit_bull_terrier', 'basset_hound'):
            assert breed in texts, (breed, texts)                       # whole, not cut
        cut = page.evaluate("() => [...document.querySelectorAll('.tl-caption')]"
                            ".filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.innerText)")
        assert not cut, f"captions cut off on the page: {cut}"
        legend = page.locator('.tl-legend').first.inner_text()
        assert 'red: pushed p(' in legend and 'blue: pushed it down' in legend, legend
        assert 'lower means the map found' in page.locator('.tl-reading').first.inner_text()
        predicted = page.locator('.tl-predicted').first.inner_text().replace('\xa0', ' ')
        assert predicted.startswith('predicted: '), predicted
        menu = page.locator('.widget-dropdown select').first
        menu.select_option(index=2)                                     # another class chosen
        page.wait_for_timeout(1000)
        chosen = page.evaluate("() => { const s = document.querySelector('.widget-dropdown select'); "
                               "return s.options[s.selectedIndex].text }")
        assert not chosen.replace('\xa0', ' ').startswith('predicted'), chosen
        shown = page.locator('.tl-predicted').first
        assert shown.is_visible() and shown.inner_text().replace('\xa0', ' ') == predicted
        page.screenshot(path=str(ARTIFACTS/'explain_widget.png'), full_page=True)
    finally: page.close()

@need_chromium
def test_opening_an_executed_lesson_leaves_it_unmodified(lab, browser):
    page = browser.new_page(viewport={'width': 1280, 'height': 1000})
    try:
        page.goto(lab('lesson.ipynb'), timeout=60_000)
        page.get_by_text('| Idle').first.wait_for(timeout=90_000)
        page.locator('.jp-Notebook .jp-Cell').nth(5).wait_for(timeout=30_000)
        time.sleep(3)                                                    # let JupyterLab settle the model
        tab = page.locator('.lm-TabBar-tab.jp-mod-current, .lm-TabBar-tab.lm-mod-current').first
        assert 'jp-mod-dirty' not in (tab.get_attribute('class') or ''), 'the lesson is marked modified on opening'
    finally: page.close()
