"""Text benchmark: frozen-feature probe, full fine-tuning, and a partly frozen encoder, on the IMDB sample.

Default data: the IMDB sample of the real-data fixtures (../shared/data/imdb_sample/texts.csv), else the copy embedded
in the package: train on its 800 train rows, evaluate on its 200 valid rows; --csv FILE (with --text-col/--label-col)
runs it on any other review CSV. MiniLM (embedded), 256 tokens: the first and last 128 of a longer review
(--truncation head: the first 256).
Goal (issue 5): (b) or (c) at least 85% valid accuracy within 10 minutes on 2 cores.
The figures go to bench/results/text-<date>.json."""
import argparse, warnings
from pathlib import Path
warnings.filterwarnings('ignore')
import tl_explore.text as tt
from tl_explore.classifier import probe
from tl_explore.data import imdb_sample_path, read_reviews
from tl_explore.freeze import freeze_to
from common import Results, real_dataset

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument('--csv', help='a review CSV (default: the fixtures\' IMDB sample, else the embedded one)')
ap.add_argument('--text-col', default='text'); ap.add_argument('--label-col', default='label')
ap.add_argument('--max-len', type=int, default=256)
ap.add_argument('--truncation', default='head+tail', choices=tt.TRUNCATIONS,
                help='which tokens of a longer review are kept')
ap.add_argument('--freeze', type=int, default=3,
                help='groups frozen in (c): embeddings + the first freeze-1 encoder layers')
args = ap.parse_args()
res = Results(args)
csv = args.csv if args.csv is not None else imdb_sample_path(real_dataset())
df = read_reviews(csv, text_col=args.text_col, label_col=args.label_col)
labels = sorted(df.label.unique())
n_train, n_valid = int((~df.is_valid).sum()), int(df.is_valid.sum())
name = Path(csv).name if args.csv is not None else 'IMDB sample'
res.details['data'] = dict(reviews=name, train=n_train, valid=n_valid, labels=[str(l) for l in labels])
data = f"{n_train} train / {n_valid} valid reviews, MiniLM at {args.max_len} tokens ({args.truncation})"
print(f"{csv}: {n_train} train, {n_valid} valid reviews; labels {labels}; {args.max_len} tokens "
      f"({args.truncation} of longer reviews)")

def fresh(): return tt.TextClassifier.from_checkpoint(labels=labels, max_len=args.max_len, truncation=args.truncation)
def per_epoch(run): return ", ".join(f"{a:.1%}" for a in run.history.accuracy)
def record(key, run, what):
    "Record a run's accuracy, seconds and accuracy per epoch"
    res.add(f'{key}_acc', round(run.accuracy, 4), 'fraction', f"{what}: valid accuracy ({data})")
    res.add(f'{key}_seconds', round(run.seconds, 1), 's', f"{what}: seconds of the whole run")
    res.details[f'{key}_history'] = run.history.round(4).to_dict('records')

a = probe(fresh(), df)
print(f"(a) frozen encoder, mean-pooled features + logistic regression: {a.accuracy:.1%} in {a.seconds:.0f} s")
record('probe', a, "(a) frozen encoder, mean-pooled features + logistic regression (tl_explore.classifier.probe)")

b = tt.fine_tune(fresh(), df, epochs=3, lr=1e-4, bs=32, seed=0, show=False)
print(f"(b) full fine-tuning, 3 epochs at 1e-4 (one-cycle): {b.accuracy:.1%} in {b.seconds:.0f} s; "
      f"per epoch: {per_epoch(b)}")
record('finetune', b, "(b) full fine-tuning, 3 epochs at 1e-4 (one-cycle)")

c_clf = fresh(); freeze_to(c_clf, args.freeze)
c = tt.fine_tune(c_clf, df, epochs=4, lr=2e-4, lr_spread=3., bs=32, seed=0, show=False)
print(f"(c) {args.freeze} groups frozen, 4 epochs, discriminative rates 6.7e-5..2e-4 (one-cycle): {c.accuracy:.1%} "
      f"in {c.seconds:.0f} s; per epoch: {per_epoch(c)}")
record('freeze', c, f"(c) {args.freeze} layer groups frozen, 4 epochs, discriminative rates 6.7e-5..2e-4 (one-cycle)")

best = res.add('best_acc', round(max(b.accuracy, c.accuracy), 4), 'fraction', "the better of (b) and (c)")
print(f"best fine-tuned: {best:.1%} (goal >= 85% within 600 s per run)")
res.write()
