"""The start page's "Measured" table, made from the newest results file of each bench script in bench/results/.

python bench/measured.py            prints the table (markdown: what | figure | where: the script, date and machine)
python bench/measured.py --write    puts it into index.ipynb, between the lines <!-- measured:start --> and
                                    <!-- measured:end --> of a markdown cell (then `make readme` regenerates README.md)
python bench/measured.py --check    exits 1 when index.ipynb's table differs from what the results files give (CI)"""
import argparse, html, json, re, sys
from pathlib import Path
from common import BENCH, RESULTS

START, END = '<!-- measured:start -->', '<!-- measured:end -->'
SCRIPTS = ('vision', 'text', 'explain', 'data') # in the table's order

def newest(script:str): # a bench script's name without .py
    "The newest results file of `script` (by the date in its name), read; or exit naming the command that makes one"
    files = sorted(f for f in RESULTS.glob(f'{script}-*.json')
                   if re.fullmatch(rf'{script}-\d{{4}}-\d\d-\d\d\.json', f.name))
    if not files: sys.exit(f"bench/results/ holds no results of bench/{script}.py: run `python bench/{script}.py` "
                           "(from the project root, with TL_EXPLORE_OFFLINE=true) and commit the JSON it writes.")
    return json.loads(files[-1].read_text())

def md(text): # any string from a results file
    "`text` safe inside a markdown table cell"
    return html.escape(str(text)).replace('|', '\\|')

def pct(x, digits=0): return f"{x:.{digits}%}"
def spread(f, digits=1): # a figure whose value is {mean, min, max, values}; decimals of the percentages
    v = f['value']
    rng = f" ({pct(v['min'], digits)}–{pct(v['max'], digits)})" if v['max'] > v['min'] else ''
    return pct(v['mean'], digits) + rng
def minutes(s): return f"{s:.0f} s" if s < 90 else f"{s/60:.1f} min"

def vision_rows(r):
    "Per shots: the ImageNet head beside the probe, and the four arms; then the caching speed-up, side by side"
    f, a, d = r['figures'], r['args'], r['details']['data']
    seeds, shots, arms, sp = len(a['seeds']), sorted(a['shots']), r['details']['arms'], r['details']['speed']
    bases = [x for x in arms if not x.endswith('+answers')]
    arms = sorted(arms, key=lambda x: (bases.index(x.removesuffix('+answers')), x.endswith('+answers')))
    for k in shots:
        yield (f"{k}-shot, {d['dog_breeds']} dog breeds ({md(d['photos'])}), {f[f'{k}shot_evaluated']['value']} photos "
               f"evaluated per seed, ImageNet EfficientNet-Lite0 frozen, {a['size']} px: cached head reading "
               f"ImageNet's answers / the same head on features only / plain logistic-regression probe on the "
               f"features, mean (lowest–highest) of {seeds} seeds",
               f"{spread(f[f'{k}shot_imagenet+answers'])} / {spread(f[f'{k}shot_imagenet'])} / "
               f"{spread(f[f'{k}shot_imagenet_probe'])}")
        yield (f"{k}-shot, every starting point: {' / '.join(arms)}, mean (lowest–highest) of {seeds} seeds; "
               f"random weights train {a['scratch_epochs']} epochs",
               ' / '.join(spread(f[f'{k}shot_{arm}']) for arm in arms))
    k = max(shots)
    if a.get('unfreeze'):
        yield (f"{k}-shot, ImageNet body with {' or '.join(map(str, a['unfreeze']))} of 9 groups frozen, "
               f"{a['unfreeze_epochs']} epochs: from the head fitted first / from a random head, against the head "
               f"alone ({spread(f[f'{k}shot_head_alone'])})",
               '; '.join(f"{dp} frozen: {spread(f[f'{k}shot_unfreeze{dp}_head_first'])} / "
                         f"{spread(f[f'{k}shot_unfreeze{dp}_random_head'])}" for dp in a['unfreeze']))
    yield (f"cached head vs fastai's frozen `fit_one_cycle`, {sp['epochs']} head epochs on {sp['train_photos']} photos "
           f"at {sp['size']} px (median of {a['repeat']} runs each): seconds per pass over the photos (an epoch; "
           "one loss evaluation of the exact fit); per run, features included; accuracy",
           f"{f['cache_epoch_ms']['value']:.0f} ms vs {f['fastai_epoch_ms']['value'] / 1000:.1f} s "
           f"({f['cache_epoch_speedup']['value']:.0f}×); {f['cache_run_seconds']['value']:.0f} s vs "
           f"{f['fastai_run_seconds']['value']:.0f} s ({f['cache_run_speedup']['value']:.1f}×); "
           f"{pct(f['cache_accuracy']['value'])} vs {pct(f['fastai_accuracy']['value'])}")

TEXT_RECIPES = dict(probe='probe', default='the default `fit` (head first, then the layers)', lora='LoRA (rank 8)',
                    full='every group from a random head', setfit='SetFit')

def text_rows(r):
    "The recipes side by side on the review CSV, then what caching the frozen prefix saves"
    f, a, d = r['figures'], r['args'], r['details']['data']
    keys = [k for k in TEXT_RECIPES if f'{k}_acc' in f]
    names = {**TEXT_RECIPES, 'setfit': f"SetFit ({a['setfit_steps']} steps of {a['setfit_bs']} pairs)"}
    yield (f"{md(d['reviews'])} ({d['train']} train / {d['valid']} valid), MiniLM at {a['max_len']} tokens (first + "
           f"last {a['max_len'] // 2} of longer reviews), one run each: {' / '.join(names[k] for k in keys)}: "
           "accuracy (time, parameters trained)",
           ' / '.join(f"{pct(f[f'{k}_acc']['value'], 1)} ({minutes(f[f'{k}_seconds']['value'])}, "
                      f"{f[f'{k}_trainable']['value']:,})" for k in keys))
    if 'cache_epoch_speedup' in f:
        yield ("the same reviews, the embeddings and 4 of 6 encoder layers frozen: the frozen prefix run once per "
               "review vs at every step: seconds per epoch; per 2-epoch run, features included",
               f"{f['cached_epoch_seconds']['value']:.0f} s vs {f['uncached_epoch_seconds']['value']:.0f} s "
               f"({f['cache_epoch_speedup']['value']:.1f}×); {minutes(f['cached_run_seconds']['value'])} vs "
               f"{minutes(f['uncached_run_seconds']['value'])} ({f['cache_run_speedup']['value']:.1f}×)")

def explain_rows(r):
    "Speed and sampling noise on 224-px photos, the widget's first map, and the checks of every method"
    f, a = r['figures'], r['args']
    lo, hi = f['image_superpixels']['value']
    yield (f"one 224-px photo ({lo}–{hi} superpixels): SHAP + LIME from one set of {f['image_default_budget']['value'][0]}"
           f"–{f['image_default_budget']['value'][1]} evaluations / the gradient map (32 steps) / shap's and lime's "
           "defaults (500 and 1000 evaluations)",
           f"{f['image_pair_seconds']['value']:.1f} s / {f['gradient_seconds']['value']:.1f} s / "
           f"{f['defaults_seconds']['value'][0]:.1f} s and {f['defaults_seconds']['value'][1]:.1f} s")
    yield (f"the same: SHAP / LIME agreeing with a 2000-evaluation reference, lowest (median) over {a['photos']} "
           f"photos × {a['seeds']} seeds; the reference against itself, lowest",
           f"{f['image_shap_agreement_min']['value']:.2f} ({f['image_shap_agreement_median']['value']:.2f}) / "
           f"{f['image_lime_agreement_min']['value']:.2f} ({f['image_lime_agreement_median']['value']:.2f}); "
           f"{f['reference_ceiling_min']['value']:.2f}")
    first, later = f['widget_first_map_seconds']['value']
    yield ("ExplainWidget, lessons' 160-px dog classifier: the first map after the first click / after later clicks",
           f"{first:.1f} s / {later:.1f} s")
    if 'study_photos' in f:
        hits = ' / '.join(f"{m} {pct(f[f'study_{m}_hit']['value'][0])} ({pct(f[f'study_{m}_hit']['value'][1])}–"
                          f"{pct(f[f'study_{m}_hit']['value'][2])})" for m in ('gradient', 'shap', 'lime'))
        yield (f"pointing game on {f['study_photos']['value']} embedded dog photos, each explained by a head that never "
               "trained on it: hit rate (95% interval); chance", f"{hits}; {pct(f['study_chance']['value'])}")
    yield ("toy collar (1% of the picture): share of the positive attribution on it, gradient / SHAP / LIME",
           ' / '.join(pct(f[f'collar_{m}']['value']) for m in ('gradient', 'shap', 'lime')))

def data_rows(r):
    "Indexing and drawing"
    f = r['figures']
    yield ("indexing a 7,390-file pets folder / drawing toy pets at 128 px",
           f"{f['index_ms']['value'] / 1000:.2f} s / {f['draw_per_s']['value']:.0f} images/s")

ROWS = dict(vision=vision_rows, text=text_rows, explain=explain_rows, data=data_rows)

def where(script, r):
    "The script, the date of its run, and the machine"
    m = r['machine']
    return (f"`bench/{script}.py`, {r['started'][:10]}, {m['cores']} cores of {md(m['cpu'])}, {m['ram_gib']:.0f} GiB, "
            f"{md(m['device'])}")

def table():
    "The markdown table, from the newest results file of each script"
    lines = ['| what | figure | where |', '|---|---|---|']
    for script in SCRIPTS:
        r = newest(script)
        lines += [f"| {what} | {figure} | {where(script, r)} |" for what, figure in ROWS[script](r)]
    return '\n'.join(lines)

def marked_cell(nb, path):
    "The markdown cell of `nb` that holds both markers, or exit naming the fix"
    cells = [c for c in nb['cells'] if c['cell_type'] == 'markdown' and START in ''.join(c['source'])]
    if len(cells) != 1 or END not in ''.join(cells[0]['source']): sys.exit(
        f"{path}: expected one markdown cell with the lines {START} and {END} around the Measured table "
        f"(found {len(cells)} cell(s) with the first). Add the two lines around the table.")
    return cells[0]

PATTERN = re.compile(rf'(^{re.escape(START)}\n)(.*?)(\n?^{re.escape(END)}$)', re.S | re.M)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--write', action='store_true', help="replace the table in the notebook")
    ap.add_argument('--check', action='store_true',
                    help="exit 1 when the notebook's table is not what the results give")
    ap.add_argument('--notebook', default=str(BENCH.parent/'index.ipynb'), help='the start page (default: index.ipynb)')
    args = ap.parse_args()
    t = table()
    if not (args.write or args.check): print(t); sys.exit()
    path = Path(args.notebook)
    nb = json.loads(path.read_text())
    cell = marked_cell(nb, path)
    text = ''.join(cell['source'])
    m = PATTERN.search(text)
    if m is None: sys.exit(f"{path}: the lines {START} and {END} must each stand on a line of their own, "
                           "in that order.")
    if args.check:
        if m.group(2).strip() == t: print(f"{path}: the Measured table matches bench/results/."); sys.exit()
        print(f"{path}: the Measured table differs from what bench/results/ gives:\n--- in the notebook\n"
              f"{m.group(2).strip()}\n--- from bench/results/\n{t}\n"
              "Run `python bench/measured.py --write` (then `make readme`) and commit the result.")
        sys.exit(1)
    cell['source'] = (text[:m.start(2)] + t + '\n' + text[m.end(2):].lstrip('\n')).splitlines(keepends=True)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n')
    print(f"{path}: Measured table written from bench/results/ ({len(t.splitlines()) - 2} rows).")
