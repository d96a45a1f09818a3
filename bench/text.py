"""Text benchmark: frozen-feature probe, full fine-tuning, and a partly frozen encoder, on the IMDB sample.

Default data: ../shared/data/imdb_sample/texts.csv (train on its 800 train rows, evaluate on its 200 valid rows);
--csv FILE (with --text-col/--label-col) runs it on any other review CSV. MiniLM (embedded), 256 tokens: the first and last 128 of a longer review (--truncation head: the first 256).
Goal (issue 5): (b) or (c) at least 85% valid accuracy within 10 minutes on 2 cores.
The last printed line is one JSON object."""
import argparse, json, time, warnings
from pathlib import Path
warnings.filterwarnings('ignore')
import tl_explore.text as tt
from tl_explore.data import read_reviews
from tl_explore.freeze import freeze_to

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument('--csv', default=str(Path(__file__).resolve().parents[1].parent/'shared'/'data'/'imdb_sample'/'texts.csv'))
ap.add_argument('--text-col', default='text'); ap.add_argument('--label-col', default='label')
ap.add_argument('--max-len', type=int, default=256)
ap.add_argument('--truncation', default='head+tail', choices=('head+tail', 'head'), help='which tokens of a longer review are kept')
ap.add_argument('--freeze', type=int, default=3, help='groups frozen in (c): embeddings + the first freeze-1 encoder layers')
args = ap.parse_args()
start = time.perf_counter()
df = read_reviews(args.csv, text_col=args.text_col, label_col=args.label_col)
labels = sorted(df.label.unique())
print(f"{args.csv}: {int((~df.is_valid).sum())} train, {int(df.is_valid.sum())} valid reviews; labels {labels}; {args.max_len} tokens ({args.truncation} of longer reviews)")

def fresh(): return tt.TextClassifier.from_checkpoint(labels=labels, max_len=args.max_len, truncation=args.truncation)

a = tt.probe(fresh(), df)
print(f"(a) frozen encoder, cached mean-pooled features + logistic regression: {a['accuracy']:.1%} in {a['seconds']:.0f} s")

b = tt.fine_tune(fresh(), df, epochs=3, lr=1e-4, bs=32, seed=0, show=False)
print(f"(b) full fine-tuning, 3 epochs at 1e-4 (one-cycle): {b.accuracy:.1%} in {b.seconds:.0f} s; per epoch: "
      + ", ".join(f"{r.accuracy:.1%} at {r.seconds:.0f} s" for r in b.history.itertuples()))

c_clf = fresh(); freeze_to(c_clf, args.freeze)
c = tt.fine_tune(c_clf, df, epochs=4, lr=2e-4, lr_spread=3., bs=32, seed=0, show=False)
print(f"(c) {args.freeze} groups frozen, 4 epochs, discriminative rates 6.7e-5..2e-4 (one-cycle): {c.accuracy:.1%} in {c.seconds:.0f} s; per epoch: "
      + ", ".join(f"{r.accuracy:.1%} at {r.seconds:.0f} s" for r in c.history.itertuples()))

best = max(b.accuracy, c.accuracy)
seconds = time.perf_counter() - start
print(f"best fine-tuned: {best:.1%} (goal >= 85% within 600 s per run); whole script {seconds:.0f} s")
print(json.dumps({'probe_acc': round(a['accuracy'], 4), 'finetune_acc': round(b.accuracy, 4), 'best_acc': round(best, 4),
                  'seconds': round(seconds, 1), 'finetune_seconds': round(b.seconds, 1), 'freeze_seconds': round(c.seconds, 1)}))
