"""Does training the ImageNet body on the cat breeds first help the dog breeds? Cat-source variants against plain ImageNet.

Each variant trains ImageNet's EfficientNet-Lite0 on the 12 cat breeds (5 photos each, augmented, as
`source_classifier` does, on the first seed) with some groups frozen and a learning rate and number of epochs; then, for
every seed, the package's cached head is fitted on each body's frozen features of the same dog split: 3-shot evaluated on
3 photos per breed (75 per seed on the 6-per-breed fixture) and 5-shot evaluated on the rest. Tutorial 01's step 4 quotes
these figures. About 10 min on 2 shared cores. The figures go to bench/results/cat_sources-<date>.json."""
import argparse, warnings
from pathlib import Path
warnings.filterwarnings('ignore')
import numpy as np, pandas as pd
import tl_explore.vision as tv
from tl_explore.backbones import backbone
from tl_explore.data import index_pets, k_shot_split, pet_task, pets_path
from common import Results, real_dataset

VARIANTS = { # name: source_classifier's arguments
    'every group, rate 1e-3, 3 epochs': dict(lr=1e-3, epochs=3),
    'every group, rate 3e-3, 3 epochs': dict(lr=3e-3, epochs=3),
    'first 6 of 9 groups frozen, rate 3e-3, 3 epochs': dict(lr=3e-3, epochs=3, freeze_depth=6),
    'every group, rate 1e-2, 4 epochs': dict(lr=1e-2, epochs=4)}

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument('--pets', help='a folder with the Oxford-IIIT Pet layout (default: the fixture, else the embedded one)')
ap.add_argument('--size', type=int, default=224, help='image side')
ap.add_argument('--seeds', type=int, default=10, help='draws of the dog photos (seeds 0, 1, ...)')
args = ap.parse_args()
res = Results(args)
pets = index_pets(Path(args.pets) if args.pets is not None else pets_path(real_dataset()))
dogs = pet_task(pets, 'dogs')
fewest = int(dogs.label.value_counts().min())
starts = {'ImageNet alone': backbone()}
for name, kw in VARIANTS.items():
    run = tv.source_classifier(pets, size=args.size, seed=0, show=False, **kw)
    starts[name] = run.classifier
    res.add(f'cats {name}', round(run.accuracy, 4), 'fraction', "the cat source's accuracy on 12 held-out cat photos")
    print(f"source {name}: {run.accuracy:.0%} of 12 cat photos, {run.seconds:.0f} s", flush=True)
rows = []
for k in (3, 5):
    for sd in range(args.seeds):
        split = k_shot_split(dogs, k=k, n_valid=min(3, fewest - k), seed=sd)
        for name, start in starts.items():
            clf = tv.transfer_model(start, sorted(split.label.unique()), args.size, seed=sd)
            acc = tv.train_classifier(clf, split, epochs=3, show=False, seed=sd).accuracy
            rows.append(dict(shots=k, seed=sd, source=name, accuracy=acc, n_valid=int(split.is_valid.sum())))
df = pd.DataFrame(rows)
res.details['runs'] = df.round(4).to_dict('records')
for (k, name), g in df.groupby(['shots', 'source'], sort=False):
    v = g.accuracy
    res.add(f'{k}shot {name}', dict(mean=round(v.mean(), 4), min=round(v.min(), 4), max=round(v.max(), 4)), 'fraction',
            f"{k}-shot accuracy on 25 dog breeds ({g.n_valid.iloc[0]} photos per seed), mean of {args.seeds} draws, "
            f"{args.size} px, head fitted on the frozen body of: {name}")
table = df.groupby(['source', 'shots'], sort=False).accuracy.agg(['mean', 'min', 'max']).unstack('shots')
print(table.round(3).to_string())
res.write()
