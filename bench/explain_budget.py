"""How many model evaluations per unit the default budget needs: agreement with a high-budget reference, by budget.

For several 224-px Oxford-IIIT Pet fixture photos (toy pets when the fixture is absent) explained by the embedded ImageNet
EfficientNet-Lite0, and several toy reviews explained by MiniLM fine-tuned briefly on toy reviews: this package's SHAP and
LIME at 2 to 6 evaluations per unit, against KernelSHAP with 3000 (images) or 2000 (texts) evaluations on the same units.
Agreement: Spearman correlation per pixel (56x56) or per word, as in bench/explain.py. `default_budget` is chosen from
these figures. --images / --texts: how many inputs of each."""
import argparse, time, warnings
from pathlib import Path
warnings.filterwarnings('ignore')
import numpy as np, torch
from PIL import Image
from scipy.stats import spearmanr
import tl_explore.explain as te, tl_explore.text as tt
from tl_explore.backbones import backbone
from tl_explore.data import index_pets, load_image, toy_pet, toy_reviews
from tl_explore.freeze import freeze_to

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument('--images', type=int, default=4); ap.add_argument('--texts', type=int, default=6)
args = ap.parse_args()
PER_UNIT = (2, 3, 4, 5, 6)

def rho(a, b): return float(spearmanr(np.ravel(a), np.ravel(b)).statistic)
def small(m): return np.asarray(Image.fromarray(m.astype(np.float32)).resize((56, 56), Image.BILINEAR))

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

pets = Path(__file__).resolve().parents[1].parent/'shared'/'data'/'oxford-iiit-pet'
if (pets/'images').is_dir(): imgs = [load_image(f) for f in index_pets(pets).file.iloc[::23][:args.images]]
else: imgs = [toy_pet('collar_terrier', seed=s)[0] for s in range(args.images)]
bb = backbone()
fn = te.model_fn(torch.nn.Sequential(bb.body, bb.imagenet_head), bb.stats)
img_res = []
for i, im in enumerate(imgs):
    u = te.image_units(np.asarray(im.resize((224, 224), Image.BILINEAR)), size=224)
    img_res.append(sweep(fn, u, 3000, lambda e, r: rho(small(e.pixel_scores()), small(r.pixel_scores()))))
    print(f"image {i}: {u.n} superpixels done", flush=True)
report(f"images ({len(imgs)}, 224 px)", img_res)

reviews = toy_reviews(n_train=200, n_valid=2 * args.texts, heldout=False, seed=0)
clf = tt.TextClassifier.from_checkpoint(max_len=64); freeze_to(clf, 2)
tt.fine_tune(clf, reviews, epochs=2, lr=2e-4, bs=32, show=False)
valid = reviews.text[reviews.is_valid].tolist()
tfn = te.model_fn(clf)
txt_res = [sweep(tfn, te.text_units(valid[2*i] + ' ' + valid[2*i+1]), 2000, lambda e, r: rho(e.scores, r.scores)) for i in range(args.texts)]
report(f"texts ({args.texts} toy review pairs)", txt_res)
