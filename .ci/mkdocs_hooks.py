"""mkdocs hook (mkdocs.yml: hooks): a notebook page's table of contents, taken from the headings of its HTML.

mkdocs-jupyter builds the table of contents from a markdown export of the notebook, which slugs headings differently
from the HTML it renders: a heading with code or a link in it ("Settings: defaults < `settings.ini`") gets a table of
contents link to an anchor the page does not have, and a title without its code. The headings of the HTML are what
the reader sees and what the links point at."""
import re
from html.parser import HTMLParser
from mkdocs.structure.toc import get_toc

class _Headings(HTMLParser):
    "(level, id, text) of each heading with an id, in order"
    def __init__(self, html):
        super().__init__(); self.found, self.cur = [], None
        self.feed(html)
    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r'h[1-6]', tag) and dict(attrs).get('id'): self.cur = [int(tag[1]), dict(attrs)['id'], '']
    def handle_data(self, data):
        if self.cur: self.cur[2] += data
    def handle_endtag(self, tag):
        if self.cur and tag == f'h{self.cur[0]}': self.found.append(self.cur); self.cur = None

def on_page_content(html, page, config, files):
    if not page.file.src_path.endswith('.ipynb'): return html
    tokens, stack = [], []
    for level, id_, text in _Headings(html).found:
        tok = {'level': level, 'id': id_, 'name': ' '.join(text.replace('¶', '').split()), 'children': []}
        while stack and stack[-1]['level'] >= level: stack.pop()
        (stack[-1]['children'] if stack else tokens).append(tok)
        stack.append(tok)
    page.toc = get_toc(tokens)
    return html
