"""The API's documentation and the API notebooks' cell discipline (see ../shared/STYLE.md).

Every public function of a module (a name in its `__all__`) and every public method and property of its exported classes
-- methods added with fastcore's `@patch` included -- has a docstring, and a docment (`arg, # what it is`) on each
argument (`__init__` needs docments only, and a dataclass a docment on each field: the class docstring covers them); and
in the API notebooks `nbs/[0-9]*.ipynb` no exported code cell is longer than 40 lines and no code line longer than 120
characters (lines with a URL aside). These are what nbdev's documentation pages are built from, so a page should not
show an argument nobody explained.
"""
import dataclasses, importlib, inspect, json, pkgutil, re
from pathlib import Path
import pytest
from fastcore.docments import docments
import tl_explore

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(m.name for m in pkgutil.iter_modules(tl_explore.__path__) if not m.name.startswith('_'))
NOTEBOOKS = sorted((ROOT/'nbs').glob('[0-9]*.ipynb'))
MAX_CELL, MAX_LINE = 40, 120
URL = re.compile(r'https?://')
SKIP_KINDS = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)


def _undocumented(f, what, docstring=True):
    "Problems of the function `f` (called `what`): no docstring (when one is asked for), or arguments without a docment"
    out = [] if (f.__doc__ or '').strip() or not docstring else [f"{what}: no docstring"]
    try: docs = docments(f, full=True)
    except (OSError, TypeError) as e: return out + [f"{what}: docments cannot read it ({e})"]
    params = inspect.signature(f).parameters
    missing = [a for a, p in params.items() if a not in ('self', 'cls') and p.kind not in SKIP_KINDS
               and not (docs.get(a) or {}).get('docment')]
    return out + ([f"{what}: undocumented {missing}"] if missing else [])


def _class_problems(cls, what):
    "Problems of an exported class: its docstring, its fields or `__init__` arguments, and its public methods"
    doc = vars(cls).get('__doc__') or ''
    # a dataclass without a docstring gets its signature as __doc__
    out = [] if doc.strip() and not doc.startswith(f'{cls.__name__}(') else [f"{what}: no docstring"]
    if dataclasses.is_dataclass(cls):
        docs = docments(cls, full=True)
        missing = [f.name for f in dataclasses.fields(cls) if f.init and not (docs.get(f.name) or {}).get('docment')]
        if missing: out.append(f"{what}: undocumented fields {missing}")
    seen = set()
    for klass in cls.__mro__:   # its own methods and those it inherits from the package's (private) bases
        if not klass.__module__.startswith('tl_explore'): continue
        for name, v in vars(klass).items():
            if name in seen or (name.startswith('_') and name != '__init__'): continue
            seen.add(name)
            if name == '__init__' and dataclasses.is_dataclass(klass): continue   # generated from the fields
            if isinstance(v, property):
                if not (v.fget.__doc__ or '').strip(): out.append(f"{what}.{name}: property without a docstring")
                continue
            f = getattr(cls, name)   # unwraps classmethods (also fastcore's `patch(cls_method=True)`)
            # `__init__` needs docments only: the class docstring is what nbdev shows for it
            if inspect.isfunction(f) or inspect.ismethod(f):
                out += _undocumented(f, f"{what}.{name}", docstring=name != '__init__')
    return out


def _api_problems(modname):
    mod = importlib.import_module(f'tl_explore.{modname}')
    out = []
    for name in getattr(mod, '__all__', []):
        obj = getattr(mod, name)
        if inspect.isfunction(obj): out += _undocumented(obj, name)
        elif inspect.isclass(obj) and obj.__module__ == mod.__name__: out += _class_problems(obj, name)
    return out


@pytest.mark.parametrize('modname', MODULES)
def test_public_api_is_documented(modname):
    problems = _api_problems(modname)
    assert not problems, f"tl_explore.{modname}:\n" + '\n'.join(problems)


def _cell_problems(nb):
    out = []
    for i, c in enumerate(json.loads(nb.read_text())['cells']):
        if c['cell_type'] != 'code': continue
        lines = ''.join(c['source']).split('\n')
        directives = [l for l in lines if l.startswith('#|')]
        if any(re.match(r'#\|\s*export', l) for l in directives) and len(lines) - len(directives) > MAX_CELL:
            out.append(f"cell {i}: an exported cell of {len(lines) - len(directives)} lines (at most {MAX_CELL})")
        out += [f"cell {i}: a line of {len(l)} characters: {l[:60]}…" for l in lines
                if len(l) > MAX_LINE and not URL.search(l)]
    return out


@pytest.mark.parametrize('nb', NOTEBOOKS, ids=[nb.name for nb in NOTEBOOKS])
def test_notebook_cells_are_small(nb):
    problems = _cell_problems(nb)
    assert not problems, f"{nb.name}:\n" + '\n'.join(problems)


def test_the_checks_can_fail(tmp_path):
    "The checks see a missing docstring, a missing docment, an undocumented property, a long cell and a long line"
    def f(a, # documented
          b): return a
    class C:
        "A class"
        __module__ = 'tl_explore.example'   # walked as the package's own classes are
        def m(self, x): # documented
            return x
        @property
        def p(self): return 1
    assert _undocumented(f, 'f') == ["f: no docstring", "f: undocumented ['b']"]
    assert _class_problems(C, 'C') == ["C.m: no docstring", "C.p: property without a docstring"]
    source = (['#| export\n'] + ['x = 1\n'] * MAX_CELL
              + ['y = 2\n', f"z = '{'a' * MAX_LINE}'\n", '# https://' + 'a' * MAX_LINE])
    nb = tmp_path/'00_example.ipynb'
    nb.write_text(json.dumps(dict(cells=[dict(cell_type='code', source=source)])))
    problems = _cell_problems(nb)
    assert len(problems) == 2 and f'exported cell of {MAX_CELL + 3} lines' in problems[0], problems
    assert f'a line of {MAX_LINE + 6} characters' in problems[1], problems
