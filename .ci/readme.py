"""Regenerate README.md from index.ipynb, executed, with nbdev's doc processing (`#| hide` cells dropped).

`nbdev-readme` does this job where the Quarto binary is installed; no package registry reachable
here ships it (quarto-cli's sdist downloads it at build time), so this does the same with nbdev's
notebook processing, nbclient and nbconvert. Run it with `make readme`."""
from pathlib import Path
import nbformat, yaml
from nbclient import NotebookClient
from nbconvert import MarkdownExporter
from nbdev.serve import proc_nbs

root = Path(__file__).resolve().parents[1]
nb = nbformat.read(proc_nbs(file_glob='index.ipynb', n_workers=0)/'index.ipynb', as_version=4)
front = next(c for c in nb.cells if c.cell_type == 'raw' and c.source.startswith('---'))
meta = yaml.safe_load(front.source.strip().strip('-'))
nb.cells.remove(front)
NotebookClient(nb, timeout=600, resources={'metadata': {'path': str(root)}}).execute()
body, _ = MarkdownExporter().from_notebook_node(nb)
(root/'README.md').write_text(f"# {meta['title']}\n\n> {meta['description']}\n\n{body.strip()}\n")
print('README.md written')
