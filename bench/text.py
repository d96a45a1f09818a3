"""Text benchmark: five recipes side by side on the same reviews, the same MiniLM body and the same seed.

(a) the probe: frozen mean-pooled features + logistic regression (tl_explore.classifier.probe);
(b) the package's default: `TextClassifier.from_checkpoint(max_len=...)`, then `clf.fit(split)` with no other argument
    (the head fitted on the frozen body first, then the encoder layers trained from it: LP-FT);
(c) LoRA: `add_lora(clf)` (rank 8 on the attention's query and value), then `fine_tune` from the fitted head;
(d) a plain full fine-tune: every group trains from a random head (no head-first stage), as a transformers
    Trainer run would;
(e) SetFit (Tunstall et al. 2022): contrastive fine-tuning of the same sentence encoder on pairs of reviews, then a
    logistic regression, with --setfit-steps steps of --setfit-bs pairs (its own first-tokens truncation).
Then what caching the frozen prefix saves: the embeddings and the first four encoder layers frozen, trained with the
prefix run once per text against every step (`fine_tune(cache=False)`): seconds per epoch and per run.

Default data: the IMDB sample of the real-data fixtures (../shared/data/imdb_sample/texts.csv), else the copy embedded
in the package: train on its 800 train rows, evaluate on its 200 valid rows; --csv FILE (with --text-col/--label-col)
runs it on any other review CSV. MiniLM (embedded); --max-len tokens, the first and last halves of a longer review.
Goals (issue 22): (b) >= 90% in <= 5 minutes on 2 cores, ahead of (e) at equal or fewer seconds.
The figures go to bench/results/text-<date>.json."""
import argparse, os, sys, tempfile, time, warnings
from pathlib import Path
warnings.filterwarnings('ignore')
import numpy as np
import tl_explore.text as tt
from tl_explore.classifier import probe
from tl_explore.data import imdb_sample_path, read_reviews
from tl_explore.freeze import freeze_to, frozen_groups, layer_groups
from common import Results, real_dataset

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument('--csv', help='a review CSV (default: the fixtures\' IMDB sample, else the embedded one)')
ap.add_argument('--text-col', default='text'); ap.add_argument('--label-col', default='label')
ap.add_argument('--max-len', type=int, default=256)
ap.add_argument('--seed', type=int, default=0)
ap.add_argument('--setfit-steps', type=int, default=100, help="SetFit's contrastive steps (max_steps)")
ap.add_argument('--setfit-bs', type=int, default=16, help="SetFit's pairs per step")
ap.add_argument('--skip', nargs='*', default=[], choices=['lora', 'full', 'setfit', 'cache'],
                help='recipes to leave out (quicker runs)')
args = ap.parse_args()
if 'setfit' not in args.skip:
    try: import setfit
    except ImportError: sys.exit("SetFit is not installed: pip install -e '.[bench]', or run with --skip setfit")
res = Results(args)
csv = args.csv if args.csv is not None else imdb_sample_path(real_dataset())
df = read_reviews(csv, text_col=args.text_col, label_col=args.label_col)
labels = sorted(df.label.unique())
train, valid = df[~df.is_valid], df[df.is_valid]
name = Path(csv).name if args.csv is not None else 'IMDB sample'
res.details['data'] = dict(reviews=name, train=len(train), valid=len(valid), labels=[str(l) for l in labels])
data = f"{len(train)} train / {len(valid)} valid reviews, MiniLM at {args.max_len} tokens"
print(f"{csv}: {data}; labels {labels}")

def fresh(): return tt.TextClassifier.from_checkpoint(labels=labels, max_len=args.max_len, seed=args.seed)
def record(key, what, acc, seconds, trainable, history=None):
    "Record one recipe's accuracy, seconds and trainable parameters, and print them"
    res.add(f'{key}_acc', round(acc, 4), 'fraction', f"{what}: valid accuracy ({data})")
    res.add(f'{key}_seconds', round(seconds, 1), 's', f"{what}: seconds of the whole run, features included")
    res.add(f'{key}_trainable', int(trainable), 'parameters', f"{what}: parameters trained")
    if history is not None: res.details[f'{key}_history'] = history.round(4).to_dict('records')
    print(f"{what}: {acc:.1%} in {seconds:.0f} s, {trainable:,} parameters trained", flush=True)
def record_run(key, what, run):
    "Record a Run, with the head-first stage's scores where it had one"
    record(key, what, run.accuracy, run.seconds, run.trainable, run.history)
    if run.head_first: res.details[f'{key}_head_first'] = {k: round(v, 4) for k, v in run.head_first.items()}

record_run('probe', "(a) probe: frozen features + logistic regression", probe(fresh(), df))
clf = fresh()
frozen = [g.name for g, f in zip(layer_groups(clf), frozen_groups(clf)) if f]
default = clf.fit(df)
record_run('default', "(b) the default: from_checkpoint, then fit (head first, then the layers)", default)
res.details['default_recipe'] = dict(frozen=frozen, lr=clf.default_lr, epochs=len(default.history))
if 'lora' not in args.skip:
    lo = fresh(); tt.add_lora(lo)
    lora = tt.fine_tune(lo, df, lr=1e-3, show=False)
    record_run('lora', "(c) LoRA rank 8 on query and value, from the fitted head", lora)
if 'full' not in args.skip:
    record_run('full', "(d) every group from a random head", tt.fine_tune(fresh(), df, head_first=False, show=False))
if 'setfit' not in args.skip:
    os.environ['HF_HUB_OFFLINE'] = '1'
    from datasets import Dataset
    from setfit import SetFitModel, Trainer, TrainingArguments
    start = time.perf_counter()
    model = SetFitModel.from_pretrained(str(tt.resolve_checkpoint()))
    targs = TrainingArguments(output_dir=tempfile.mkdtemp(), batch_size=args.setfit_bs, max_steps=args.setfit_steps,
                              max_length=args.max_len, seed=args.seed, show_progress_bar=False, report_to='none')
    y = [labels.index(l) for l in train.label]
    Trainer(model=model, args=targs, train_dataset=Dataset.from_dict(dict(text=train.text.tolist(), label=y))).train()
    acc = float(np.mean(np.asarray(model.predict(valid.text.tolist())) == [labels.index(l) for l in valid.label]))
    record('setfit', f"(e) SetFit, {args.setfit_steps} steps of {args.setfit_bs} pairs", acc,
           time.perf_counter() - start, sum(p.numel() for p in model.model_body.parameters()) + len(labels) * 385)
if 'cache' not in args.skip:
    for cache in (True, False):
        c = fresh(); freeze_to(c, 5)
        run = tt.fine_tune(c, df, epochs=2, cache=cache, show=False)
        key = 'cached' if cache else 'uncached'
        res.add(f'{key}_epoch_seconds', round(run.epoch_seconds, 1), 's',
                f"5 groups frozen, prefix {'run once per text' if cache else 'run every step'}: seconds per epoch")
        res.add(f'{key}_run_seconds', round(run.seconds, 1), 's', f"... seconds of a 2-epoch run, features included")
        print(f"5 groups frozen, cache={cache}: {run.epoch_seconds:.1f} s an epoch, {run.seconds:.0f} s a run, "
              f"{run.accuracy:.1%}", flush=True)
    f = res.figures
    res.add('cache_epoch_speedup', round(f['uncached_epoch_seconds']['value'] / f['cached_epoch_seconds']['value'], 2),
            'x', "caching the frozen prefix: speed-up per epoch")
    res.add('cache_run_speedup', round(f['uncached_run_seconds']['value'] / f['cached_run_seconds']['value'], 2),
            'x', "caching the frozen prefix: speed-up per 2-epoch run")
res.write()
