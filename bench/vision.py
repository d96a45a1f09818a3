"""Vision benchmark: the four cat-to-dog arms on real dog photos over several seeds, the cached head beside a plain
logistic-regression probe, the feature-caching speed-up, and the arms on toy pets.

Real photos: the Oxford-IIIT Pet fixture (../shared/data), else the sample embedded in the package, or --pets DIR (any
folder with that layout). For each of --shots (default 3 and 5) training photos per dog breed, up to --valid (default 3)
other photos per breed are evaluated: on the 6-per-breed fixture, protocol A is 3-shot evaluated on 3 photos per breed
(75 per seed) and protocol B 5-shot evaluated on the remaining one (25 per seed). Every arm runs once per seed (each
seed its own split and head); the two cat-breed sources are trained once, on the first seed (every group from a random head, augmented,
--lr; the ImageNet one for --source-epochs, default 4).
The ImageNet arms and scratch+cats freeze the whole body: their head is the package's cached head, an L2-regularised
logistic regression (C=3 at unit length) fitted exactly by L-BFGS on the L2-normalised pooled features of the training
photos and their mirror images (--head-epochs only cuts its iterations into rows of history; it has no learning rate).
Each such arm runs twice, as separate labelled rows: features only (`imagenet`), and `+answers`, whose head also reads
the source classifier's class probabilities (ImageNet's 1000, or a cat source's 12).
Random weights train every group at a real cost per epoch (about 1.5 min per epoch at 224 px on 2 shared cores) and stay
near chance on a few photos, so they are kept cheap: the scratch arm and the scratch cat source get --scratch-epochs
(default 2) at --lr; the scratch arm still runs on every seed.
Beside every cached head: scikit-learn's LogisticRegression with default settings (the package's `probe`; it allows 3000
iterations, and the JSON records that it needed no more than the default 100) on the same frozen pooled features of the
same split.
Head first (fastai's fine_tune, LP-FT): with --unfreeze depths (default 0 and 6 of 9 groups frozen), the ImageNet
body trains --unfreeze-epochs (default 3) from the head fitted first and from a random head, on the largest shots, every
seed; beside the head alone (the imagenet+answers row).
Speed: 4 head epochs on cached features against fastai's frozen fit_one_cycle at --lr (same body and head
initialisation), alternated --repeat times; medians, seconds side by side. Toy pets: the same arms at 96 px, 5-shot, 12
epochs (6 on the cats).
Goals (issues 4, 17, 23): 5-shot 25-dog-breed accuracy >= 95% at 224 px with the offline ImageNet backbone (mean of 3
seeds), unfrozen runs from the fitted head at least as accurate as the head alone, the head
at least as good as the probe in the same run; cached head epochs >= 10x faster than fastai's at the same accuracy.
The whole run takes about 45 min on 2 shared cores. The figures go to bench/results/vision-<date>.json."""
import argparse, statistics, tempfile, time, warnings
from pathlib import Path
warnings.filterwarnings('ignore')
import numpy as np, pandas as pd
import tl_explore.vision as tv
from tl_explore.backbones import backbone
from tl_explore.classifier import probe
from tl_explore.core import seed_everything
from tl_explore.data import index_pets, k_shot_split, pet_task, pets_dataloaders, pets_path, toy_pets
from common import Results, real_dataset

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument('--pets', help='a folder with the Oxford-IIIT Pet layout (default: the fixture, else the embedded one)')
ap.add_argument('--size', type=int, default=224, help='image side for the real photos')
ap.add_argument('--shots', type=int, nargs='+', default=[3, 5], help='training photos per dog breed')
ap.add_argument('--valid', type=int, default=3,
                help='evaluation photos per breed, at most (fewer where a breed has fewer)')
ap.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2], help='one run of every arm per seed')
ap.add_argument('--head-epochs', type=int, default=12, help='rows of history of the cached heads (frozen bodies)')
ap.add_argument('--scratch-epochs', type=int, default=2,
                help='epochs of the random-weight training: the scratch arm and the scratch cat source')
ap.add_argument('--source-epochs', type=int, default=4, help='epochs of the ImageNet cat source (every group trains)')
ap.add_argument('--lr', type=float, default=1e-2,
                help='peak learning rate of the scratch arm, the cat sources and the fastai side of the speed test')
ap.add_argument('--unfreeze', type=int, nargs='*', default=[0, 6],
                help='freeze depths of the head-first / random-head comparison (none: skip it)')
ap.add_argument('--unfreeze-epochs', type=int, default=3, help='epochs of those runs')
ap.add_argument('--repeat', type=int, default=3, help='runs of each side of the speed comparison')
ap.add_argument('--no-toy', action='store_true', help='skip the toy pets (quick checks of the script)')
args = ap.parse_args()
res = Results(args)
ARMS = sorted(tv.ARMS, key=lambda a: (not tv.ARMS[a][0], tv.ARMS[a][1])) # ImageNet first, cats second

def spread(values):
    "mean, min and max of per-seed figures (fractions), and the values themselves"
    v = [round(float(x), 4) for x in values]
    return dict(mean=round(float(np.mean(v)), 4), min=min(v), max=max(v), values=v)

def table(df): return df.round(3).to_string(index=False)

last = time.perf_counter()
def lap(section):
    "Print and record the seconds since the previous lap"
    global last
    now = time.perf_counter()
    res.details.setdefault('section_seconds', {})[section] = round(now - last, 1)
    print(f"[{section}: {now - last:.0f} s]", flush=True)
    last = now

# ---- real photos ----
pets_dir = Path(args.pets) if args.pets is not None else pets_path(real_dataset())
pets = index_pets(pets_dir)
dogs = pet_task(pets, 'dogs')
fewest, n_breeds = int(dogs.label.value_counts().min()), dogs.label.nunique()
valid = {k: min(args.valid, fewest - k) for k in args.shots}
if min(valid.values()) < 1: ap.error(f"--shots {max(args.shots)} leaves no photo to evaluate: the smallest dog "
                                     f"breed of {pets_dir} has {fewest}. Use shots below {fewest}.")
if args.pets is not None: photos = f"the folder {pets_dir.name}"
elif real_dataset() == 'embedded': photos = "Oxford-IIIT Pet, the package's embedded sample"
else: photos = 'Oxford-IIIT Pet fixture'
res.details['data'] = dict(photos=photos, dog_breeds=n_breeds, fewest_per_breed=fewest)
res.details['arms'] = list(ARMS) + [a + '+answers' for a in ARMS if tv.ARMS[a] != (False, False)]
print(f"real photos: {pets_dir} ({n_breeds} dog breeds, at least {fewest} photos each), {args.size} px, "
      f"seeds {args.seeds}")

# the bodies the arms start from; each cat source is trained once (every group), on the first seed
seed_everything(args.seeds[0])
sources, source_runs = {'imagenet': backbone(), 'scratch': backbone(pretrained=False)}, {}
for arm, (pretrained, via_cats) in tv.ARMS.items():
    if not via_cats: continue
    epochs = args.source_epochs if pretrained else args.scratch_epochs
    run = tv.source_classifier(pets, pretrained, size=args.size, epochs=epochs, lr=args.lr, head_first=False,
                               seed=args.seeds[0], show=False)
    sources[arm], source_runs[arm] = run.classifier, dict(cat_accuracy=run.accuracy, epochs=epochs,
                                                          seconds=round(run.seconds, 1))
    print(f"source {arm}: {run.accuracy:.0%} on {int(run.confusion.values.sum())} held-out cat photos "
          f"after {epochs} epochs, in {run.seconds:.0f} s")
res.details['cat_sources'] = source_runs
lap('cat sources')

runs, probes = [], []
for k in args.shots:
    same = dict(shots=(k,), n_valid=valid[k], size=args.size, lr=args.lr, seeds=args.seeds, sources=sources)
    runs += [tv.transfer_experiment(pets, arms=('imagenet', 'imagenet+cats'), epochs=args.head_epochs, **same),
             tv.transfer_experiment(pets, arms=('scratch', 'scratch+cats'), epochs=args.scratch_epochs, **same)]
    cached = sorted({a.removesuffix('+answers') for r in runs[-2:] for a in r.arm[r.cached]}, key=ARMS.index)
    for sd in args.seeds:   # the probe: the same split (as transfer_experiment draws it) and the same frozen body
        split = k_shot_split(dogs, k=k, n_valid=valid[k], seed=sd)
        for arm in cached:
            p = probe(tv.transfer_model(sources[arm], sorted(split.label.unique()), args.size, answers=False, seed=sd),
                      split)
            probes.append(dict(arm=arm, shots=k, seed=sd, accuracy=p.accuracy, seconds=p.seconds,
                               n_valid=int(split.is_valid.sum()),
                               iterations=int(p.classifier.regression.n_iter_.max())))
runs, probes = pd.concat(runs, ignore_index=True), pd.DataFrame(probes)
lap('arms and probes')
runs['base'] = runs.arm.str.removesuffix('+answers')   # the probe reads the features alone: it serves both rows
both = runs.merge(probes.rename(columns={'arm': 'base'}), on=['base', 'shots', 'seed'], suffixes=('', '_probe'),
                  how='left')
assert (both.n_valid_probe.isna() | (both.n_valid_probe == both.n_valid)).all(), "the probe saw another split"
cols = ['arm', 'shots', 'seed', 'freeze_depth', 'accuracy', 'accuracy_probe', 'seconds', 'trainable_params', 'n_train',
        'n_valid']
print(f"\nreal photos, every run:\n{table(both[cols])}")
res.details['real_runs'] = both[cols].round(4).to_dict('records')
res.add('probe_iterations', int(probes.iterations.max()), 'iterations',
        "the most lbfgs iterations a probe took: at most 100 means the package's probe (max_iter=3000) fitted exactly "
        "what LogisticRegression() with every default fits")
for k in args.shots:
    g = both[both.shots == k]
    n_eval = res.add(f'{k}shot_evaluated', int(g.n_valid.iloc[0]), 'images', f"dog photos evaluated per seed, {k}-shot")
    print(f"\n{k}-shot, {n_eval} photos evaluated per seed ({valid[k]} per breed): mean (min–max) over "
          f"{len(args.seeds)} seeds")
    for arm in res.details['arms']:
        a = g[g.arm == arm]
        how = (f"{k} training photos per breed, {n_breeds} dog breeds, {n_eval} evaluated per seed, {args.size} px, "
               f"seeds {args.seeds}")
        head = res.add(f'{k}shot_{arm}', spread(a.accuracy), 'fraction', f"arm {arm}: accuracy ({how})")
        line = f"  {arm:22s} {head['mean']:6.1%} ({head['min']:.1%}–{head['max']:.1%})"
        if a.accuracy_probe.notna().all():
            pr = res.add(f'{k}shot_{arm}_probe', spread(a.accuracy_probe), 'fraction',
                         f"arm {arm}: LogisticRegression on the same frozen pooled features ({how})")
            diff = res.add(f'{k}shot_{arm}_head_minus_probe', spread(a.accuracy - a.accuracy_probe), 'fraction',
                           f"arm {arm}: the cached head's accuracy minus the probe's, seed by seed ({how})")
            line += (f"   probe {pr['mean']:6.1%} ({pr['min']:.1%}–{pr['max']:.1%})   head − probe "
                     f"{diff['mean']:+.1%} ({diff['min']:+.1%} to {diff['max']:+.1%})")
        print(line)

# ---- feature caching vs fastai's frozen fit_one_cycle: same body and head initialisation, alternated ----
k = max(args.shots)
bb = sources['imagenet']
dls = pets_dataloaders(k_shot_split(dogs, k=k, n_valid=valid[k], seed=args.seeds[0]), size=args.size, stats=bb.stats)
speed = {True: [], False: []}
for _ in range(args.repeat):
    for cache in (True, False):
        tv._FEATURES.clear()   # each cached run computes its features afresh, as a first run does
        clf = tv.transfer_model(bb, list(dls.vocab), args.size, seed=0)
        speed[cache].append(tv.train_classifier(clf, dls, epochs=4, lr=None if cache else args.lr, cache=cache,
                                                show=False, seed=0))
def med(rs, attr): return statistics.median(getattr(r, attr) for r in rs)
c_epoch, u_epoch = med(speed[True], 'epoch_seconds'), med(speed[False], 'epoch_seconds')
c_all, u_all = med(speed[True], 'seconds'), med(speed[False], 'seconds')
c_feat = med(speed[True], 'feature_seconds')
c_acc, u_acc = med(speed[True], 'accuracy'), med(speed[False], 'accuracy')
how = (f"4 head epochs, {int((~dls.train.items.is_valid).sum())} training photos at {args.size} px, median of "
       f"{args.repeat} alternated runs")
res.add('cache_epoch_speedup', round(u_epoch / c_epoch, 1), 'x',
        f"seconds per pass over the photos (fastai: an epoch; the exact fit: a loss evaluation): fastai's over the "
        f"cached head's ({how})")
res.add('cache_run_speedup', round(u_all / c_all, 2), 'x',
        f"seconds of the whole run, feature computation included: fastai's over the cached head's ({how})")
res.add('cache_epoch_ms', round(c_epoch * 1000, 2), 'ms',
        f"a pass of the exact fit over the cached features (one loss evaluation), feature computation excluded ({how})")
res.add('fastai_epoch_ms', round(u_epoch * 1000, 1), 'ms', f"an epoch of fastai's frozen fit_one_cycle ({how})")
res.add('cache_run_seconds', round(c_all, 2), 's',
        f"the whole cached run, of which {c_feat:.2f} s computing features (photos and mirror images) ({how})")
res.add('fastai_run_seconds', round(u_all, 2), 's', f"the whole fastai run, evaluation included ({how})")
res.add('cache_accuracy', round(c_acc, 4), 'fraction',
        f"accuracy of the cached run ({how}; {len(dls.valid_ds)} evaluated)")
res.add('fastai_accuracy', round(u_acc, 4), 'fraction', f"accuracy of fastai's run ({how})")
res.details['speed'] = dict(epochs=4, train_photos=int((~dls.train.items.is_valid).sum()),
                           evaluated=len(dls.valid_ds), size=args.size)
res.details['speed_runs'] = [dict(cached=cache, seconds=round(r.seconds, 3), epoch_seconds=round(r.epoch_seconds, 4),
                                  feature_seconds=round(r.feature_seconds, 3), accuracy=round(r.accuracy, 4))
                             for cache in (True, False) for r in speed[cache]]
print(f"\nfeature caching vs fastai, {how}:\n"
      f"  {'':22s} {'whole run':>10s} {'per epoch':>10s} {'accuracy':>9s}\n"
      f"  {'cached head':22s} {c_all:9.2f}s {c_epoch*1000:8.1f}ms {c_acc:9.1%}   ({c_feat:.2f} s of features)\n"
      f"  {'fastai fit_one_cycle':22s} {u_all:9.2f}s {u_epoch*1000:8.0f}ms {u_acc:9.1%}\n"
      f"  speed-up: {u_epoch/c_epoch:.0f}x per pass, {u_all/c_all:.1f}x per run")

lap('speed')

# ---- unfrozen runs: from the head fitted first against a random head ----
if args.unfreeze:
    k, rows = max(args.shots), []
    for sd in args.seeds:
        split = k_shot_split(dogs, k=k, n_valid=valid[k], seed=sd)
        for depth in args.unfreeze:
            for first in (True, False):
                clf = tv.transfer_model(sources['imagenet'], sorted(split.label.unique()), args.size, seed=sd)
                r = tv.train_classifier(clf, split, epochs=args.unfreeze_epochs, freeze_depth=depth, head_first=first,
                                        seed=sd, show=False)
                rows.append(dict(seed=sd, depth=depth, head_first=first, accuracy=r.accuracy, seconds=r.seconds,
                                 head_alone=r.head_first['accuracy'] if first else None))
    unf = pd.DataFrame(rows)
    res.details['unfreeze_runs'] = unf.round(4).to_dict('records')
    alone = both[(both.arm == 'imagenet+answers') & (both.shots == k)].accuracy
    res.add(f'{k}shot_head_alone', spread(alone), 'fraction', f"imagenet+answers, the whole body frozen ({k}-shot)")
    print(f"\nunfrozen runs, {k}-shot, {args.unfreeze_epochs} epochs, mean (min–max) over seeds; "
          f"the head alone {np.mean(alone):.1%}:")
    for (depth, first), g in unf.groupby(['depth', 'head_first']):
        name = f"{k}shot_unfreeze{depth}_{'head_first' if first else 'random_head'}"
        a = res.add(name, spread(g.accuracy), 'fraction',
                    f"{depth} of 9 groups frozen, {'from the head fitted first' if first else 'from a random head'} "
                    f"({args.unfreeze_epochs} epochs, {args.size} px, {len(g)} seeds)")
        print(f"  {depth} frozen, {'head first ' if first else 'random head'}: {a['mean']:6.1%} "
              f"({a['min']:.1%}–{a['max']:.1%})")
    lap('unfrozen runs')

# ---- toy pets: the same arms at 96 px ----
if not args.no_toy:
    with tempfile.TemporaryDirectory() as d:
        toy = index_pets(toy_pets(n_per_breed=25, size=96, seed=0, path=Path(d)/'toy'))
        toy_res = tv.transfer_experiment(toy, shots=(5,), n_valid=20, size=96, epochs=12, source_epochs=6, lr=args.lr,
                                         seeds=args.seeds)
    print(f"\ntoy pets, 5 training images per breed, 96 px, 20 evaluated per breed:\n"
          f"{tv.summarise(toy_res).to_string()}")
    res.details['toy_runs'] = toy_res.round(4).to_dict('records')
    for arm, g in toy_res.groupby('arm', sort=False):
        res.add(f'toy_5shot_{arm}', spread(g.accuracy), 'fraction',
                f"toy pets, arm {arm}: accuracy (5 training and 20 evaluated images per breed, 96 px, "
                f"seeds {args.seeds})")
    lap('toy pets')
res.write()
