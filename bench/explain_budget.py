"""How many model evaluations per unit the default budget needs: agreement with a high-budget reference, by budget.

For several 224-px Oxford-IIIT Pet fixture photos (toy pets when the fixture is absent) explained by the embedded ImageNet
EfficientNet-Lite0, and several toy reviews explained by MiniLM fine-tuned briefly on toy reviews: this package's SHAP and
LIME at 2 to 6 evaluations per unit, against KernelSHAP with 3000 (images) or 2000 (texts) evaluations on the same units.
Agreement: Spearman correlation per pixel (56x56) or per word, as in bench/explain.py. `default_budget` is chosen from
these figures. --images / --texts: how many inputs of each."""
import argparse, time, warnings
warnings.filterwarnings('ignore')
import numpy as np
import tl_explore.explain as te
from explain_common import imagenet_fn, pet_photos, rho, small, toy_text_model

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument('--images', type=int, default=4); ap.add_argument('--texts', type=int, default=6, help='pairs of held-out toy reviews: at most 20')
args = ap.parse_args()
if not (1 <= args.images and 1 <= args.texts <= 20): ap.error('use --images 1 or more and --texts 1 to 20 (the toy split holds 40 held-out reviews)')
PER_UNIT = (2, 3, 4, 5, 6)

def sweep(fn, units, ref_budget, compare):
    ref = te.attribute(fn, units, 'shap', budget=ref_budget, seed=1)
    out = {}
    for k in PER_UNIT:
        for m in te.METHODS:
            t = time.perf_counter(); e = te.attribute(fn, units, m, ref.target, budget=k * units.n, seed=0)
            out[(m, k)] = (compare(e, ref), time.perf_counter() - t)
    return out

def report(title, results):
    print(f"\n{title}: mean Spearman agreement with the reference (min over inputs), mean seconds per method")
    for k in PER_UNIT:
        print(f"  {k} per unit  " + '   '.join(f"{m} {np.mean([r[(m, k)][0] for r in results]):+.2f} ({min(r[(m, k)][0] for r in results):+.2f}) "
                                            f"{np.mean([r[(m, k)][1] for r in results]):5.2f} s" for m in te.METHODS))

imgs, fn = pet_photos(args.images), imagenet_fn()
img_res = []
for i, im in enumerate(imgs):
    u = te.image_units(im, size=224)
    img_res.append(sweep(fn, u, 3000, lambda e, r: rho(small(e.pixel_scores()), small(r.pixel_scores()))))
    print(f"image {i}: {u.n} superpixels done", flush=True)
report(f"images ({len(imgs)}, 224 px)", img_res)

clf, valid = toy_text_model()
tfn = te.model_fn(clf)
txt_res = [sweep(tfn, te.text_units(valid[2*i] + ' ' + valid[2*i+1]), 2000, lambda e, r: rho(e.scores, r.scores)) for i in range(args.texts)]
report(f"texts ({args.texts} toy review pairs)", txt_res)
