"""Regenerate README.md from index.ipynb as committed (`make lessons` executes it), with nbdev's docs processing.

`#| hide` cells are dropped, as on the docs site. Pictures become PNG files in index_files/ (committed beside the
README), those inside HTML outputs too: GitHub does not show base64 images, and they made the README 240 KB.
`nbdev-readme` does this job where the Quarto binary is installed; no package registry reachable here ships it
(quarto-cli's sdist downloads it at build time). Run it with `make readme`; `make check-sync` fails when README.md
differs from what this writes."""
import base64, re, shutil, sys
from pathlib import Path
from nbconvert import MarkdownExporter
sys.path.insert(0, str(Path(__file__).parent))
from docs import ROOT, processed, title_cell
from tl_explore.cli import _stale_lessons

FILES = 'index_files'

def html_images_to_files(nb)->dict:
    "Replace the base64 pictures inside `nb`'s HTML outputs with names of files in index_files/: {name: bytes}"
    out = {}
    def to_file(m, i, j):
        name = f"{FILES}/index_{i}_{j}_{len(out)}.{m.group(1).replace('jpeg', 'jpg')}"
        out[name] = base64.b64decode(m.group(2))
        return name
    for i, c in enumerate(nb.cells):
        for j, o in enumerate(c.get('outputs', [])):
            if 'text/html' not in o.get('data', {}): continue
            h = re.sub(r'(?s)<style.*?</style>', '', o.data['text/html'])   # GitHub drops style sheets anyway
            o.data['text/html'] = re.sub(r'data:image/(png|jpeg);base64,([A-Za-z0-9+/=\s]+)',
                                         lambda m: to_file(m, i, j), h)
    return out

def main():
    index = ROOT/'index.ipynb'
    if _stale_lessons([index]): sys.exit("readme: index.ipynb's outputs are older than its code: run `make lessons`.")
    nb = processed(index)
    title_cell(nb)
    files = html_images_to_files(nb)
    body, res = MarkdownExporter().from_notebook_node(nb, resources={'unique_key': 'index', 'output_files_dir': FILES})
    files.update(res.get('outputs', {}))
    shutil.rmtree(ROOT/FILES, ignore_errors=True)
    (ROOT/FILES).mkdir()
    for name, data in files.items(): (ROOT/name).write_bytes(data)
    text = re.sub(r'\n{3,}', '\n\n', body).strip() + '\n'
    (ROOT/'README.md').write_text(text, encoding='utf-8')
    bad = sorted(set(re.findall(r"data:image|/root/|/home/|/tmp/|site-packages|\S*Warning\b", text)))
    if bad: sys.exit(f"readme: README.md holds {bad}: fix the outputs of index.ipynb, then make lessons readme.")
    print(f"README.md written: {len(text.encode()) / 1024:.1f} KB, {len(files)} picture(s) in {FILES}/ "
          f"({sum(len(d) for d in files.values()) / 1024:.0f} KB)")

if __name__ == '__main__': main()
