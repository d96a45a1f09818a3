"""The built docs site (make docs) in a real browser: a lesson page and an API page show a plot and a results table.

The site is served from _site/ on 127.0.0.1 and read by Debian's chromium, driven by Playwright, offline. Screenshots
go to $TL_EXPLORE_ARTIFACTS (default .ci-artifacts/). Skips, saying why, when the site is not built or chromium is
absent; .ci/run builds the site first, so in CI it runs."""
import functools, http.server, os, threading
from pathlib import Path
import pytest

CHROMIUM = Path('/usr/bin/chromium')
ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT/'_site'
ARTIFACTS = Path(os.environ.get('TL_EXPLORE_ARTIFACTS', ROOT/'.ci-artifacts'))
PAGES = ['tutorials/cat_to_dog.html', 'vision.html']   # a lesson (committed outputs), an API page (run by make docs)

pytestmark = [
    pytest.mark.skipif(not (SITE/'index.html').is_file(), reason="the docs site is not built: run `make docs`"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium "
                                                     "(apt-get install chromium; .ci/run does)")]

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args): pass

@pytest.fixture(scope='module')
def site():
    "The built site, served on a free port of 127.0.0.1"
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(_Quiet, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try: yield f'http://127.0.0.1:{server.server_port}'
    finally: server.shutdown(); server.server_close()

@pytest.mark.parametrize('path', PAGES)
def test_page_shows_a_plot_and_a_results_table(site, path):
    from playwright.sync_api import sync_playwright
    assert (SITE/path).is_file(), f"{path} is not in the built site: was a notebook renamed? (mkdocs.yml's nav)"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS/f"site_{path.replace('/', '_').removesuffix('.html')}.png"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=[
            '--no-first-run', '--disable-background-networking', '--disable-component-update'])
        page = browser.new_page(viewport={'width': 1280, 'height': 1000})
        try:
            page.goto(f'{site}/{path}', wait_until='load', timeout=60_000)
            outputs = page.locator('.jupyter-wrapper .jp-OutputArea-output')
            assert outputs.count() > 0, f"{path}: no cell outputs on the page"
            # a plot: a picture in an output that the browser decoded, at a readable size
            plots = page.eval_on_selector_all('.jupyter-wrapper .jp-OutputArea-output img',
                                              'imgs => imgs.filter(i => i.complete && i.naturalWidth >= 200 && '
                                              'i.getBoundingClientRect().width >= 150).length')
            assert plots > 0, f"{path}: no plot drawn in its outputs"
            # a results table: a table in an output with a header and at least two rows of figures
            tables = page.eval_on_selector_all('.jupyter-wrapper .jp-OutputArea-output table',
                                               'ts => ts.filter(t => t.querySelectorAll("th").length > 0 && '
                                               't.querySelectorAll("tbody tr").length >= 2 && '
                                               '/\\d/.test(t.innerText) && '
                                               't.getBoundingClientRect().height > 0).length')
            assert tables > 0, f"{path}: no results table in its outputs"
            page.screenshot(path=str(shot), full_page=True)
        except Exception:
            page.screenshot(path=str(shot.with_name(shot.stem + '_failed.png')), full_page=True); raise
        finally: browser.close()
