"""How many model evaluations per unit the default budget needs: agreement with a high-budget reference, by budget.

For several 224-px Oxford-IIIT Pet photos (the fixture's, else the embedded sample's) explained by the embedded ImageNet
EfficientNet-Lite0, and several toy reviews explained by MiniLM fine-tuned briefly on toy reviews: this package's SHAP
and LIME at 2 to 6 evaluations per unit, against KernelSHAP with 3000 (images) or 2000 (texts) evaluations on the same
units. Agreement: Spearman correlation per pixel (56x56) or per word, as in bench/explain.py. `default_budget` is
chosen from these figures. --images / --texts: how many inputs of each. The figures go to
bench/results/explain_budget-<date>.json."""
import argparse, time, warnings
warnings.filterwarnings('ignore')
import numpy as np
import tl_explore.explain as te
from common import Results
from explain_common import SIZE, imagenet_model, pet_photos, rho, small, toy_text_model

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument('--images', type=int, default=4, help='photos: at most 10 (every 23rd of the 222)')
ap.add_argument('--texts', type=int, default=6, help='pairs of held-out toy reviews: at most 20')
args = ap.parse_args()
if not (1 <= args.images <= 10 and 1 <= args.texts <= 20): ap.error(
    'use --images 1 to 10 (every 23rd of the 222 photos) and --texts 1 to 20 (the toy split holds 40 held-out reviews)')
PER_UNIT = (2, 3, 4, 5, 6)
res = Results(args)

def sweep(clf, units, ref_budget, compare):
    "{(method, evaluations per unit): (agreement with the reference, seconds)} for one input"
    ref = te.attribute(clf, units, 'shap', budget=ref_budget, seed=1)
    out = {}
    for k in PER_UNIT:
        for m in te.METHODS:
            t = time.perf_counter(); e = te.attribute(clf, units, m, ref.target, budget=k * units.n, seed=0)
            out[(m, k)] = (compare(e, ref), time.perf_counter() - t)
    return out

def report(kind, title, results):
    "Print the table of one kind of input and record its figures"
    print(f"\n{title}: mean Spearman agreement with the reference (min over inputs), mean seconds per method")
    for k in PER_UNIT:
        cells = []
        for m in te.METHODS:
            agree, secs = [r[(m, k)][0] for r in results], [r[(m, k)][1] for r in results]
            cells.append(f"{m} {np.mean(agree):+.2f} ({min(agree):+.2f}) {np.mean(secs):5.2f} s")
            res.add(f'{kind}_{m}_{k}_agreement', round(float(np.mean(agree)), 3), 'Spearman rho',
                    f"{title}, {m} at {k} evaluations per unit: mean correlation with the reference")
            res.add(f'{kind}_{m}_{k}_agreement_min', round(float(min(agree)), 3), 'Spearman rho',
                    f"{title}, {m} at {k} evaluations per unit: lowest correlation with the reference")
            res.add(f'{kind}_{m}_{k}_seconds', round(float(np.mean(secs)), 3), 's',
                    f"{title}, {m} at {k} evaluations per unit: mean seconds per input")
        print(f"  {k} per unit  " + '   '.join(cells))

imgs, clf = pet_photos(args.images), imagenet_model()
img_res = []
for i, im in enumerate(imgs):
    u = te.image_units(im, size=SIZE)
    img_res.append(sweep(clf, u, 3000, lambda e, r: rho(small(e.pixel_scores()), small(r.pixel_scores()))))
    print(f"image {i}: {u.n} superpixels done", flush=True)
report('image', f"images ({len(imgs)}, {SIZE} px)", img_res)

tclf, valid = toy_text_model()
txt_res = [sweep(tclf, te.text_units(valid[2*i] + ' ' + valid[2*i+1]), 2000, lambda e, r: rho(e.scores, r.scores))
           for i in range(args.texts)]
report('text', f"texts ({args.texts} toy review pairs)", txt_res)
res.write()
