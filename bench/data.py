"""Data benchmarks: indexing a 7,390-file Oxford-IIIT Pet folder (names only), and toy pets generation.

Goals (issue 3): index in under 1 s; at least 200 toy pets/s at 128 px on 2 cores.
Medians of repeated runs; the figures go to bench/results/data-<date>.json."""
import argparse, tempfile
from pathlib import Path
from tl_explore.data import index_pets, toy_pets, toy_pet, TOY_BREEDS
from common import Results, median_seconds

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument('--repeat', type=int, default=3, help='runs of each drawing measurement (indexing: 5 at least)')
args = ap.parse_args()
res = Results(args)

with tempfile.TemporaryDirectory() as d:
    d = Path(d)
    # 7,390 empty files with the dataset's names: indexing must not open them
    (d/'pets'/'images').mkdir(parents=True)
    breeds = ['Abyssinian', 'Bengal', 'Birman', 'beagle', 'pug', 'boxer', 'samoyed']
    for i in range(7390): (d/'pets'/'images'/f'{breeds[i % len(breeds)]}_{i}.jpg').touch()
    index_runs = max(5, args.repeat)
    _, index_s = median_seconds(lambda: index_pets(d/'pets'), index_runs)
    res.add('index_ms', round(index_s * 1000, 1), 'ms',
            f"index_pets on a folder of 7,390 empty files with the dataset's names: median of {index_runs} runs")
    print(f"index 7,390 files: median {index_s*1000:.1f} ms over {index_runs} runs (goal < 1000 ms)")

    n = 600
    _, draw_s = median_seconds(lambda: [toy_pet(list(TOY_BREEDS)[i % 12], seed=i, size=128) for i in range(n)],
                               args.repeat)
    res.add('draw_per_s', round(n / draw_s, 1), 'images/s',
            f"toy pets drawn in memory at 128 px: {n} per run, median of {args.repeat} runs")
    print(f"draw toy pets in memory at 128 px: {n/draw_s:.0f} images/s (median of {args.repeat} runs of {n})")
    runs = iter(range(1000))
    _, write_s = median_seconds(lambda: toy_pets(n_per_breed=50, size=128, seed=0, path=d/f'toy{next(runs)}'),
                                args.repeat)
    res.add('toy_pets_per_s', round(600 / write_s, 1), 'images/s',
            f"toy_pets(n_per_breed=50, size=128) written to a new folder (jpg + mask png): 600 per run, "
            f"median of {args.repeat} runs")
    print(f"toy_pets(n_per_breed=50, size=128) to disk (jpg + mask png): {600/write_s:.0f} images/s "
          f"(median of {args.repeat} runs of 600; goal >= 200)")
res.write()
