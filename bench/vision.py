"""Vision benchmark: the four cat-to-dog arms on real pets and on toy pets, and the feature-caching speed-up.

Real: the Oxford-IIIT Pet fixture in ../shared/data (or --pets DIR, any folder with that layout): train on 5 dog
images per breed, evaluate on the rest of its dog images. Toy: the embedded toy pets.
Goals (issue 4): 5-shot 25-dog-breed accuracy >= 90% with the offline ImageNet backbone; the whole script
<= 3 minutes on 2 cores; cached head epochs >= 10x faster than fastai's frozen fit_one_cycle at the same accuracy.
The last printed line is one JSON object."""
import argparse, json, tempfile, time, warnings
from pathlib import Path
warnings.filterwarnings('ignore')
from tl_explore.core import seed_everything
from tl_explore.data import index_pets, k_shot_split, pet_task, pets_dataloaders, toy_pets
from tl_explore.backbones import backbone
from tl_explore.vision import transfer_experiment, train_classifier, transfer_model

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument('--pets', default=str(Path(__file__).resolve().parents[1].parent/'shared'/'data'/'oxford-iiit-pet'), help='a folder with the Oxford-IIIT Pet layout')
ap.add_argument('--size', type=int, default=224, help='image side for the real pets')
ap.add_argument('--shots', type=int, default=5)
args = ap.parse_args()
start = time.perf_counter()

def table(res):
    return res[['arm', 'shots', 'freeze_depth', 'accuracy', 'seconds', 'trainable_params', 'n_train', 'n_valid']].round(3).to_string(index=False)

# Real pets: the ImageNet arms freeze the whole body and train the head on cached features (12 cheap epochs);
# the random-weight arms must train every group, at a cost per epoch, so they get 4
pets = index_pets(args.pets)
import pandas as pd
real = pd.concat([transfer_experiment(pets, arms=('imagenet', 'imagenet+cats'), shots=(args.shots,), size=args.size, epochs=12, source_epochs=4, lr=1e-2, seed=0),
                  transfer_experiment(pets, arms=('scratch', 'scratch+cats'), shots=(args.shots,), size=args.size, epochs=4, lr=1e-2, seed=0)], ignore_index=True)
print(f"real pets ({args.pets}), {args.shots} dog images per breed, {args.size} px:\n{table(real)}\n")
arms = dict(zip(real.arm, real.accuracy.round(4)))
dog5 = float(real[real.arm.isin(['imagenet', 'imagenet+cats'])].accuracy.max())

# Feature caching vs fastai's frozen fit_one_cycle: same body, same head init, same schedule, side by side
bb = backbone('tf_efficientnet_lite0')
split = k_shot_split(pet_task(pets, 'dogs'), k=args.shots, seed=0)
dls = pets_dataloaders(split, size=args.size, stats=bb.stats)
runs = {}
for cache in (True, False):
    seed_everything(0)
    runs[cache] = train_classifier(transfer_model(bb.body, bb.n_features, len(dls.vocab)), dls, epochs=4, lr=1e-2, cache=cache)
c, u = runs[True], runs[False]
speedup = u.epoch_seconds / c.epoch_seconds
print(f"feature caching, 4 head epochs: cached {c.accuracy:.1%} in {c.seconds:.2f} s (features {c.feature_seconds:.2f} s, "
      f"{c.epoch_seconds*1000:.1f} ms/epoch); fastai frozen fit_one_cycle {u.accuracy:.1%} in {u.seconds:.2f} s "
      f"({u.epoch_seconds*1000:.0f} ms/epoch); head-epoch speed-up {speedup:.0f}x, whole-run speed-up {u.seconds/c.seconds:.1f}x\n")

# Toy pets: the same arms at 96 px
with tempfile.TemporaryDirectory() as d:
    toy = index_pets(toy_pets(n_per_breed=25, size=96, seed=0, path=Path(d)/'toy'))
    toy_res = transfer_experiment(toy, shots=(args.shots,), n_valid=20, size=96, epochs=12, source_epochs=6, lr=1e-2, seed=0)
print(f"toy pets, {args.shots} dog images per breed, 96 px:\n{table(toy_res)}\n")

seconds = time.perf_counter() - start
print(f"best offline arm, {args.shots}-shot dogs: {dog5:.1%} (goal >= 90%); whole script {seconds:.0f} s (goal <= 180 s)")
print(json.dumps({'dog5_acc': round(dog5, 4), 'arms': arms, 'toy_arms': dict(zip(toy_res.arm, toy_res.accuracy.round(4))),
                  'cache_speedup': round(speedup, 1), 'seconds': round(seconds, 1)}))
