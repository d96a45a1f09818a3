"""Data benchmarks: indexing a 7,390-file Oxford-IIIT Pet folder (names only), and toy pets generation.

Goals (issue 3): index in under 1 s; at least 200 toy pets/s at 128 px on 2 cores.
Prints the medians of repeated runs; the last line is one JSON object."""
import json, statistics, tempfile, time
from pathlib import Path
from tl_explore.data import index_pets, toy_pets, toy_pet, TOY_BREEDS

def median_seconds(f, repeats):
    times = []
    for _ in range(repeats):
        t = time.perf_counter(); f(); times.append(time.perf_counter() - t)
    return statistics.median(times)

with tempfile.TemporaryDirectory() as d:
    d = Path(d)
    # 7,390 empty files with the dataset's names: indexing must not open them
    (d/'pets'/'images').mkdir(parents=True)
    breeds = ['Abyssinian', 'Bengal', 'Birman', 'beagle', 'pug', 'boxer', 'samoyed']
    for i in range(7390): (d/'pets'/'images'/f'{breeds[i % len(breeds)]}_{i}.jpg').touch()
    index_s = median_seconds(lambda: index_pets(d/'pets'), 5)
    print(f"index 7,390 files: median {index_s*1000:.1f} ms over 5 runs (goal < 1000 ms)")

    n = 600
    draw_s = median_seconds(lambda: [toy_pet(list(TOY_BREEDS)[i % 12], seed=i, size=128) for i in range(n)], 3)
    print(f"draw toy pets in memory at 128 px: {n/draw_s:.0f} images/s (median of 3 runs of {n})")
    runs = iter(range(100))
    write_s = median_seconds(lambda: toy_pets(n_per_breed=50, size=128, seed=0, path=d/f'toy{next(runs)}'), 3)
    rate = 600/write_s
    print(f"toy_pets(n_per_breed=50, size=128) to disk (jpg + mask png): {rate:.0f} images/s (median of 3 runs of 600; goal >= 200)")

print(json.dumps({'index_seconds': round(index_s, 4), 'toy_pets_per_s': round(rate, 1)}))
