"""Explanation benchmark: speed, sampling noise and every check of the three methods, side by side in one run.

1. Photos (224 px, Oxford-IIIT Pet: the fixture's, else the embedded sample's), explained for their top ImageNet class by
   the embedded EfficientNet-Lite0. SHAP and LIME fit one shared set of evaluations: seconds at each budget of
   --budgets, and each method's agreement with its own high-budget reference (the same method on 2000 shared
   evaluations) over --photos photos x --seeds seeds: the lowest and the median, and how often it reaches 0.7; the
   reference against itself from another seed gives the ceiling. Stability: the same method, two seeds. The gradient
   method (integrated gradients, 32 steps): seconds and its completeness gap. shap's and lime's own defaults (shap's
   Image masker, 500 evaluations, mean-colour masking; lime_image, 1000 samples) on the first photo, against the same
   references. Agreement: Spearman correlation per pixel, maps at 56x56.
2. The ExplainWidget's first map after a click, on the lessons' classifier (160 px, dog head fitted on the embedded
   sample, 5 shots): the first click (the gradient machinery warms up) and the median of the next four.
3. The pointing game over every embedded dog photo with a head box, each explained by a head that never trained on it
   (6 folds), at the default cost: hit rate with its 95% Wilson interval, and chance.
4. Toy collar: the transparent `redness` model on 6 toy collar terriers (96 px): the share of each method's positive
   attribution on the collar.
5. Determinism: one seeded explanation alone, and twice side by side in two threads: identical scores?
6. Text: MiniLM fine-tuned briefly on toy reviews, a toy review explained: seconds, agreement with a reference, share
   on the deciding words over 10 reviews.
Goals (issue 24): SHAP + LIME on a 224-px photo <= 3 s, each agreeing with the reference at >= 0.7 in every run; the
gradient <= 1 s; the widget's first map <= 1 s; the best pointing-game rate >= 2x chance over >= 125 photos; the finest
method >= 50% on the toy collar. Seconds are medians of --repeat runs. The figures go to
bench/results/explain-<date>.json."""
import argparse, statistics, threading, time, warnings
warnings.filterwarnings('ignore')
import numpy as np, pandas as pd
from PIL import Image
from scipy.stats import spearmanr
import tl_explore.data as td, tl_explore.explain as te, tl_explore.text as tt, tl_explore.vision as tv
from tl_explore.backbones import backbone, square
from tl_explore.freeze import freeze_to
from tl_explore.classifier import FunctionClassifier
from common import Results, median_seconds, real_dataset

SIZE = 224 # side of the explained photos

def rho(a, b):
    "Spearman correlation of two score arrays of any shape"
    return float(spearmanr(np.ravel(a), np.ravel(b)).statistic)

def small(m):
    "A pixel map at 56x56, so that maps from different segmentations are compared pixel by pixel"
    return np.asarray(Image.fromarray(m.astype(np.float32)).resize((56, 56), Image.BILINEAR))

def pet_photos(n:int):
    "n real pet photos (every 23rd of the fixture, else of the embedded sample), their middle squares at SIZE px"
    files = td.index_pets(td.pets_path(real_dataset())).file.iloc[::23][:n]
    return [np.asarray(square(f, SIZE)) for f in files]

def imagenet_model():
    "The embedded ImageNet EfficientNet-Lite0 with its own 1000-class head, seeing SIZE-px pictures"
    return tv.imagenet_classifier(backbone(), size=SIZE)

def toy_text_model():
    "(MiniLM fine-tuned briefly on 200 toy reviews, 40 held-out toy reviews)"
    reviews = td.toy_reviews(n_train=200, n_valid=40, heldout=False, seed=0)
    clf = tt.TextClassifier.from_checkpoint(max_len=64); freeze_to(clf, 2)
    tt.fine_tune(clf, reviews, epochs=2, lr=2e-4, bs=32, show=False)
    return clf, reviews.text[reviews.is_valid].tolist()

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument('--photos', type=int, default=4, help='224-px photos (every 23rd of the set): 1 to 9')
ap.add_argument('--seeds', type=int, default=4, help='runs of SHAP and LIME per photo and budget, each its own seed')
ap.add_argument('--budgets', type=int, nargs='+', default=[64, 128, 256, 512],
                help='shared evaluations to try besides the default budget')
ap.add_argument('--repeat', type=int, default=3, help='timings: the median of this many runs')
ap.add_argument('--no-study', action='store_true', help='leave out the pointing game over every photo (~4 min)')
args = ap.parse_args()
if not (1 <= args.photos <= 9 and args.seeds >= 2 and args.repeat >= 1): ap.error(
    'use --photos 1 to 9, --seeds 2 or more (stability compares two), --repeat 1 or more')
res = Results(args)
REF = 2000   # the references' evaluations
def timed(f): return median_seconds(f, args.repeat)
def pix(e): return small(e.pixel_scores())

# ---- 1. photos: shared SHAP + LIME by budget, against each method's reference; the gradient ----
clf, photos = imagenet_model(), pet_photos(args.photos)
rows, ceiling, grads, units_n, default_budgets = [], [], [], [], []
for i, img in enumerate(photos):
    units = te.image_units(img, size=SIZE); units_n.append(units.n)
    refs = [te._attribute(clf, units, ('shap', 'lime'), None, REF, s, 16, 32) for s in (1001, 1002)]
    R = {m: pix(refs[0][m]) for m in ('shap', 'lime')}
    for m in R: ceiling.append(rho(pix(refs[1][m]), R[m]))
    target = refs[0]['shap'].target
    default_budgets.append(te.default_budget(units.n))
    for b in sorted({*args.budgets, te.default_budget(units.n)}):
        for s in range(args.seeds):
            ex = te._attribute(clf, units, ('shap', 'lime'), target, b, s, 16, 32)
            for m, e in ex.items():
                rows.append(dict(photo=i, budget=b, default=b == te.default_budget(units.n), seed=s, method=m,
                                 seconds=e.seconds, agreement=rho(pix(e), R[m]), map=pix(e)))
    g, g_s = timed(lambda: te.attribute(clf, units, 'gradient', target))
    grads.append(dict(photo=i, seconds=g_s, gap=abs(g.gap), change=abs(g.output - g.base_value),
                      agreement_with_shap_reference=rho(pix(g), R['shap'])))
    print(f"photo {i}: {units.n} superpixels, references agree with themselves at "
          f"{ceiling[-2]:+.2f} (SHAP) / {ceiling[-1]:+.2f} (LIME); gradient {g_s:.2f} s", flush=True)
runs = pd.DataFrame(rows)
# seconds: SHAP and LIME share their evaluations, so the pair costs what one of them reports
pair_s = runs[runs.method == 'shap'].groupby('budget').seconds.median()
stab = {}   # the same method, photo and budget, two seeds
for (m, b), g in runs.groupby(['method', 'budget']):
    stab[(m, b)] = float(np.median([rho(g[(g.photo == p) & (g.seed == 0)]['map'].iloc[0],
                                        g[(g.photo == p) & (g.seed == 1)]['map'].iloc[0]) for p in g.photo.unique()]))
table = runs.groupby(['budget', 'method']).agreement.agg(['min', 'median', lambda a: (a >= 0.7).mean()])
table.columns = ['lowest', 'median', 'share >= 0.7']
table['stability'] = [stab[(m, b)] for b, m in table.index]
table['pair seconds'] = [pair_s[b] for b, m in table.index]
print(f"\n{len(photos)} photos, {SIZE} px, {min(units_n)}-{max(units_n)} superpixels; SHAP and LIME on shared "
      f"evaluations, {args.seeds} seeds each: agreement with each method's own {REF}-evaluation reference")
print(table.round(2).to_string())
ceil = dict(lowest=min(ceiling), median=statistics.median(ceiling))
print(f"reference against itself (another seed): lowest {ceil['lowest']:+.2f}, median {ceil['median']:+.2f}")
d = runs[runs.default]
gr = pd.DataFrame(grads)
print(f"default budget ({min(default_budgets)}-{max(default_budgets)} evaluations): SHAP + LIME "
      f"{d[d.method == 'shap'].seconds.median():.2f} s (goal <= 3 s); lowest agreement SHAP "
      f"{d[d.method == 'shap'].agreement.min():+.2f}, LIME {d[d.method == 'lime'].agreement.min():+.2f} (goal >= 0.7); "
      f"gradient {gr.seconds.median():.2f} s (goal <= 1 s), completeness gap {gr.gap.max():.4f} of a change of "
      f"{gr.change.median():.2f}")

# the libraries' own defaults on the first photo, against the same references
from lime import lime_image
import shap
img, units = photos[0], te.image_units(photos[0], size=SIZE)
refs0 = te._attribute(clf, units, ('shap', 'lime'), None, REF, 1001, 16, 32)
target = refs0['shap'].target
lime_def, lime_s = timed(lambda: lime_image.LimeImageExplainer(random_state=0).explain_instance(
    img, clf.predict_proba, labels=(target,), top_labels=None, num_samples=1000))
lime_map = np.zeros(img.shape[:2])
for seg, w in lime_def.local_exp[target]: lime_map[lime_def.segments == seg] = w
mean_image = np.broadcast_to(img.reshape(-1, 3).mean(0), img.shape).astype(np.float32)
shap_ex = shap.Explainer(lambda x: clf.predict_proba(x.astype(np.uint8)), shap.maskers.Image(mean_image, img.shape))
shap_def, shap_s = timed(lambda: shap_ex(img[None].astype(np.float32), max_evals=500, batch_size=50,
                                         outputs=[target], silent=True))
libs = {'shap Image (500)': (shap_s, rho(small(shap_def.values[0][..., 0].sum(-1)), pix(refs0['shap']))),
        'lime_image (1000)': (lime_s, rho(small(lime_map), pix(refs0['lime'])))}
ours0 = d[d.photo == 0]
print("photo 0, the libraries' defaults: " + '; '.join(f"{k} {s:.1f} s, agreement {r:+.2f}" for k, (s, r) in libs.items())
      + f"; ours (both, shared) {ours0[ours0.method == 'shap'].seconds.median():.1f} s")

# ---- 2. the widget's first map, on the lessons' classifier ----
from tl_explore.widgets import ExplainWidget
pets = td.index_pets(td.pets_path())
dogs = td.k_shot_split(td.pet_task(pets, 'dogs'), k=5, seed=0)
lesson = tv.transfer_model(backbone(), sorted(dogs.label.unique()), 160, seed=0)
tv.train_classifier(lesson, dogs, seed=0, show=False)
files = dogs[dogs.is_valid].file.tolist()[:5]
w = ExplainWidget(lesson, files, seed=0)
w.run_checks.value = False
first = []
for i in range(len(files)):
    w._picks[i].click(); w.explain(); w.wait(); first.append(w.timings['gradient'])
print(f"\nwidget, 160 px: first map {first[0]:.2f} s after the first click, then {statistics.median(first[1:]):.2f} s "
      f"(median of {len(first) - 1}); SHAP and LIME joined after {w.timings['shap+lime']:.2f} s (last click)")

# ---- 3. the pointing game over every photo ----
if not args.no_study:
    t = time.perf_counter()
    study = te.summarise_study(te.localisation_study(pets, td.head_boxes(td.pets_path()), folds=6, size=160, seed=0))
    study_s = time.perf_counter() - t
    print(f"\npointing game, every embedded dog photo with a head box, cross-fitted heads ({study_s:.0f} s):")
    print(study.round(3).to_string())

# ---- 4. toy collar ----
red = FunctionClassifier(te.redness, ['other', 'collar_terrier'], 'image', size=96, differentiable=True)
toy = td.index_pets(td.toy_pets(n_per_breed=6, size=96, seed=0))
collar = {m: [] for m in te.METHODS}
for _, r in toy[toy.breed == 'collar_terrier'].iterrows():
    for m, e in te.explain(red, r.file, target='collar_terrier', seed=0).items():
        collar[m].append(te.localisation(e, td.part_mask(r.mask_file))[0])
collar = {m: float(np.mean(v)) for m, v in collar.items()}
print('\ntoy collar, share of positive attribution: ' + ', '.join(f'{m} {v:.0%}' for m, v in collar.items()))

# ---- 5. determinism: alone and side by side ----
alone = te.explain(clf, photos[0], method='both', budget=128, seed=0)
side = [None, None]
def one(k): side[k] = te.explain(clf, photos[0], method='both', budget=128, seed=0)
threads = [threading.Thread(target=one, args=(k,)) for k in (0, 1)]
for th in threads: th.start()
for th in threads: th.join()
identical = all(np.array_equal(alone[m].scores, s[m].scores) for s in side for m in alone)
print(f"\nseeded explanation alone vs two threads side by side: {'identical' if identical else 'DIFFERENT'}")

# ---- 6. text ----
tclf, valid = toy_text_model()
reviews = td.toy_reviews(n_train=200, n_valid=40, heldout=False, seed=0)
valid_rows = reviews[reviews.is_valid].head(10)
text = valid[0] + ' ' + valid[1]
tunits = te.text_units(text)
tref = te._attribute(tclf, tunits, ('shap', 'lime'), None, REF, 1001, 64, 32)
tex, txt_s = timed(lambda: te.explain(tclf, text, target=tref['shap'].target, seed=0))
text_agree = {m: rho(tex[m].scores, tref[m].scores) for m in ('shap', 'lime')}
shares = [{m: te.localisation(e, r['mask'])[0] for m, e in te.explain(tclf, r.text, seed=0).items()}
          for _, r in valid_rows.iterrows()]
words = pd.DataFrame(shares).mean().to_dict()
print(f"\ntext ({tunits.n} words): all three methods {txt_s:.2f} s ({tex.cost}); agreement with the reference: "
      + ', '.join(f'{m} {v:+.2f}' for m, v in text_agree.items())
      + '; on the deciding words: ' + ', '.join(f'{m} {v:.0%}' for m, v in words.items()))

# ---- figures ----
how = f"median of {args.repeat} runs"
ds, dl = d[d.method == 'shap'], d[d.method == 'lime']
res.add('image_superpixels', [min(units_n), max(units_n)], 'superpixels', f"units of the {len(photos)} photos")
res.add('image_default_budget', [min(default_budgets), max(default_budgets)], 'evaluations', "the default budget")
res.add('image_pair_seconds', round(float(ds.seconds.median()), 2), 's',
        f"SHAP and LIME together on one {SIZE}-px photo at the default budget, median over photos and seeds")
for m, x in (('shap', ds), ('lime', dl)):
    res.add(f'image_{m}_agreement_min', round(float(x.agreement.min()), 3), 'Spearman rho',
            f"{m} at the default budget: lowest agreement with its own {REF}-evaluation reference, "
            f"{len(photos)} photos x {args.seeds} seeds")
    res.add(f'image_{m}_agreement_median', round(float(x.agreement.median()), 3), 'Spearman rho',
            f"{m} at the default budget: median agreement with its reference")
    res.add(f'image_{m}_stability', round(stab[(m, int(x.budget.iloc[0]))], 3), 'Spearman rho',
            f"{m} at the default budget: the same photo, two seeds (median over photos)")
res.add('reference_ceiling_min', round(ceil['lowest'], 3), 'Spearman rho',
        f"a {REF}-evaluation reference against itself from another seed: lowest over photos and methods")
res.add('gradient_seconds', round(float(gr.seconds.median()), 2), 's',
        f"the gradient method (32 steps) on one {SIZE}-px photo, {how}, median over photos")
res.add('gradient_gap', round(float(gr.gap.max()), 5), 'probability',
        "largest |sum of attributions - (output - baseline output)| over the photos: completeness")
res.add('defaults_seconds', [round(shap_s, 2), round(lime_s, 2)], 's', f"shap Image (500) and lime_image (1000), {how}")
res.add('defaults_agreement', [round(v[1], 3) for v in libs.values()], 'Spearman rho',
        "shap Image (500) and lime_image (1000) against the SHAP and LIME references, photo 0")
res.add('widget_first_map_seconds', [round(first[0], 2), round(statistics.median(first[1:]), 2)], 's',
        "the widget's first map after a click, 160 px: the first click, then the median of four")
if not args.no_study:
    best = study.hit.idxmax()
    res.add('study_photos', int(study.photos.iloc[0]), 'photos', "photos in the pointing game")
    for m, r in study.iterrows():
        res.add(f'study_{m}_hit', [round(r.hit, 3), round(r.hit_low, 3), round(r.hit_high, 3)], 'fraction',
                f"{m}: pointing-game hit rate and its 95% interval")
    res.add('study_chance', round(float(study.chance.iloc[0]), 3), 'fraction', "the pointing game's chance rate")
    res.add('study_best_over_chance', round(float(study.hit[best] / study.chance[best]), 2), 'x',
            f"the best method's ({best}) hit rate over chance")
    res.add('study_seconds', round(study_s), 's', "the whole study: six heads fitted, every photo explained three ways")
for m, v in collar.items(): res.add(f'collar_{m}', round(v, 3), 'fraction', f"{m}: share on the toy collar")
res.add('threads_identical', identical, 'bool', "a seeded explanation alone == twice side by side in two threads")
res.add('text_seconds', round(txt_s, 2), 's', f"a toy review ({tunits.n} words), all three methods, {how}")
for m, v in text_agree.items(): res.add(f'text_{m}_agreement', round(v, 3), 'Spearman rho', f"{m}, text, vs reference")
for m, v in words.items(): res.add(f'text_{m}_on_words', round(v, 3), 'fraction', f"{m}: share on deciding words")
res.details['by budget'] = {f'{b} {m}': {k: round(float(v), 3) for k, v in r.items()}
                            for (b, m), r in table.iterrows()}
res.details['gradient'] = gr.round(4).to_dict('records')
if not args.no_study: res.details['study'] = study.round(3).reset_index().to_dict('records')
res.write()
