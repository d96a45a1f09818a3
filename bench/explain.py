"""Explanation benchmark: this package's SHAP + LIME defaults against the libraries' defaults, side by side.

Same model, same input, one run. Image: ImageNet EfficientNet-Lite0 (embedded) on a 224-px Oxford-IIIT Pet photo (the
fixture's, else the embedded sample's), explaining its top ImageNet class. Text: MiniLM fine-tuned briefly on toy
reviews, explaining a toy review. Libraries' defaults: lime_image with 1000 samples (its quickshift superpixels), shap's
Image masker with max_evals=500 (masking with the mean colour: its default inpainting needs OpenCV, which the project
does not install), lime_text with 5000 samples, shap's Text masker with max_evals=500. Reference: KernelSHAP with a
large budget on this package's units. Seconds: medians of --repeat runs (per method: the last run). Agreement: Spearman
correlation with the reference, per pixel (56x56) or per word.
Goals (issue 6): ours >= 5x faster than the defaults at equal or better agreement; one 224-px image explained by SHAP
and LIME together in under 10 s on 2 cores. The figures go to bench/results/explain-<date>.json."""
import argparse, re, warnings
warnings.filterwarnings('ignore')
import numpy as np
import tl_explore.explain as te
from common import Results, median_seconds
from explain_common import SIZE, imagenet_model, pet_photos, rho, small, toy_text_model

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument('--repeat', type=int, default=3, help='each explanation is timed this many times; the median is quoted')
args = ap.parse_args()
res = Results(args)
def timed(f): return median_seconds(f, args.repeat)

# ---- image ----
img = pet_photos(1)[0]
clf = imagenet_model()
target = int(clf.predict_proba(img[None]).argmax())
units = te.image_units(img, size=SIZE)
ref = te.attribute(clf, units, 'shap', target, budget=3000, seed=1)
ours, ours_img_s = timed(lambda: te.explain(clf, img, target=target))
from lime import lime_image
import shap
lime_def, lime_img_s = timed(lambda: lime_image.LimeImageExplainer(random_state=0).explain_instance(
    img, clf.predict_proba, labels=(target,), top_labels=None, num_samples=1000))
lime_map = np.zeros(img.shape[:2])
for seg, w in lime_def.local_exp[target]: lime_map[lime_def.segments == seg] = w
mean_image = np.broadcast_to(img.reshape(-1, 3).mean(0), img.shape).astype(np.float32)
shap_ex = shap.Explainer(lambda x: clf.predict_proba(x.astype(np.uint8)), shap.maskers.Image(mean_image, img.shape),
                         output_names=None)
shap_def, shap_img_s = timed(lambda: shap_ex(img[None].astype(np.float32), max_evals=500, batch_size=50,
                                             outputs=[target], silent=True))
shap_map = shap_def.values[0][..., 0].sum(-1)
R = small(ref.pixel_scores())
img_rows = {'ours shap': (ours['shap'].seconds, rho(small(ours['shap'].pixel_scores()), R)),
            'ours lime': (ours['lime'].seconds, rho(small(ours['lime'].pixel_scores()), R)),
            'lime_image default (1000)': (lime_img_s, rho(small(lime_map), R)),
            'shap Image default (500)': (shap_img_s, rho(small(shap_map), R))}

# ---- text ----
tclf, valid = toy_text_model()
text = valid[0] + ' ' + valid[1]
target_t = int(tclf.predict_proba([text]).argmax())
tunits = te.text_units(text)
tref = te.attribute(tclf, tunits, 'shap', target_t, budget=2000, seed=1)
tours, ours_txt_s = timed(lambda: te.explain(tclf, text, target=target_t))
from lime.lime_text import LimeTextExplainer
lt, lime_txt_s = timed(lambda: LimeTextExplainer(random_state=0).explain_instance(
    text, tclf.predict_proba, labels=(target_t,), num_samples=5000))
lw = dict(lt.as_list(label=target_t))
lime_words = np.array([lw.get(re.sub(r'\W+', '', w), 0.) for w in tunits.words])
st, shap_txt_s = timed(lambda: shap.Explainer(tclf.predict_proba, shap.maskers.Text(r"\W+"))([text], max_evals=500,
                                                                                           silent=True))
toks = [t for t in st.data[0]]; vals = st.values[0][:, target_t]
shap_words, k = np.zeros(tunits.n), 0
for t, v in zip(toks, vals):          # the regex tokens are the words with their trailing separators
    if t.strip() and k < tunits.n:
        shap_words[k] += v; k += 1 if t.endswith((' ', '.')) or not re.search(r'\w', t) else 0
txt_rows = {'ours shap': (tours['shap'].seconds, rho(tours['shap'].scores, tref.scores)),
            'ours lime': (tours['lime'].seconds, rho(tours['lime'].scores, tref.scores)),
            'lime_text default (5000)': (lime_txt_s, rho(lime_words, tref.scores)),
            'shap Text default (500)': (shap_txt_s, rho(shap_words, tref.scores))}

for title, rows in ((f'image, {SIZE} px, {units.n} superpixels', img_rows), (f'text, {tunits.n} words', txt_rows)):
    print(f"\n{title}: seconds and Spearman agreement with the reference")
    for k, (s, r) in rows.items(): print(f"  {k:28s} {s:7.2f} s   agreement {r:+.2f}")
    res.details[title] = {k: dict(seconds=round(s, 3), agreement=round(r, 3)) for k, (s, r) in rows.items()}
lib_s = lime_img_s + shap_img_s + lime_txt_s + shap_txt_s
our_s = ours_img_s + ours_txt_s
defaults = (('lime_image default (1000)', 'shap Image default (500)'),
            ('lime_text default (5000)', 'shap Text default (500)'))
agree_ours = float(np.mean([rows[m][1] for rows in (img_rows, txt_rows) for m in ('ours shap', 'ours lime')]))
agree_def = float(np.mean([rows[m][1] for rows, ms in zip((img_rows, txt_rows), defaults) for m in ms]))
print(f"\nours (both methods, image + text) {our_s:.1f} s against the libraries' defaults {lib_s:.1f} s: "
      f"{lib_s/our_s:.1f}x faster; mean agreement with the reference: ours {agree_ours:.2f}, defaults {agree_def:.2f}; "
      f"one {SIZE}-px image, SHAP + LIME: {ours_img_s:.1f} s (goal < 10 s)")
how = f"median of {args.repeat} runs"
res.add('image_seconds', round(ours_img_s, 2), 's',
        f"one {SIZE}-px photo ({units.n} superpixels) explained by this package's SHAP and LIME together, {how}")
res.add('text_seconds', round(ours_txt_s, 2), 's',
        f"one toy review ({tunits.n} words) explained by this package's SHAP and LIME together, {how}")
res.add('image_superpixels', units.n, 'superpixels', "units of the explained photo")
res.add('speedup_vs_defaults', round(lib_s / our_s, 2), 'x',
        f"seconds of shap's and lime's defaults over this package's (the photo and the review, both methods; "
        f"{how} each)")
res.add('agreement_ours', round(agree_ours, 3), 'Spearman rho',
        "this package's SHAP and LIME: mean correlation with a high-budget KernelSHAP reference (photo and review)")
res.add('agreement_defaults', round(agree_def, 3), 'Spearman rho',
        "shap's and lime's defaults: mean correlation with the same reference")
res.write()
