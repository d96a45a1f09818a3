"Data: what a notebook page should not show — the index never opens images, and the real fixtures load end to end."
import warnings
import pytest
from PIL import Image
from conftest import SHARED_DATA
from tl_explore import data

PETS = SHARED_DATA/'oxford-iiit-pet'
IMDB = SHARED_DATA/'imdb_sample'/'texts.csv'
need_pets = pytest.mark.skipif(not (PETS/'images').is_dir(), reason=f"real-data fixture {PETS} is absent")
need_imdb = pytest.mark.skipif(not IMDB.is_file(), reason=f"real-data fixture {IMDB} is absent")

def test_index_opens_no_image(tmp_path, monkeypatch):
    (tmp_path/'images').mkdir()
    for i in range(50): Image.new('RGB', (8, 8)).save(tmp_path/'images'/f'pug_{i}.jpg')
    def refuse(*a, **k): raise AssertionError('index_pets opened an image')
    monkeypatch.setattr(Image, 'open', refuse)
    assert len(data.index_pets(tmp_path)) == 50

@need_pets
def test_every_fixture_image_loads_as_rgb():
    pets = data.index_pets(PETS)
    with warnings.catch_warnings():
        warnings.simplefilter('error')   # no image may be skipped
        kept = data.readable(pets)
    assert len(kept) == len(pets) == 222
    im = data.load_image(pets.file[0])
    assert im.mode == 'RGB' and min(im.size) > 50

@need_pets
def test_list_txt_agrees_with_names():
    listed = data._species_from_list(PETS)
    pets = data.index_pets(PETS)
    assert len(listed) >= 200
    assert all(listed[n] == s for n, s in zip(pets.name, pets.species) if n in listed)

@need_pets
def test_head_boxes_lie_inside_their_images():
    boxes = data.head_boxes(PETS)
    assert len(boxes) >= 100
    for name, (x0, y0, x1, y1) in list(boxes.items())[:40]:
        w, h = data.load_image(PETS/'images'/f'{name}.jpg').size
        assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h, name

@need_pets
def test_cats_source_and_dogs_target_dataloaders():
    pets = data.index_pets(PETS)
    cats = data.k_shot_split(data.pet_task(pets, 'cats'), k=3, seed=0)
    dls = data.pets_dataloaders(cats, size=48, bs=8)
    assert len(dls.vocab) == 12 and len(dls.train_ds) == 36 and len(dls.valid_ds) == 36
    xb, yb = dls.valid.one_batch()
    assert xb.shape == (8, 3, 48, 48) and int(yb.max()) < 12

def test_corrupt_image_in_a_split_is_skipped_with_a_warning(tmp_path):
    (tmp_path/'images').mkdir()
    for b in ('pug', 'boxer'):
        for i in range(3): Image.new('RGB', (20, 20), (i*50, 0, 0)).save(tmp_path/'images'/f'{b}_{i}.jpg')
    (tmp_path/'images'/'pug_9.jpg').write_bytes(b'\xff\xd8 broken')
    split = data.k_shot_split(data.pet_task(data.index_pets(tmp_path), 'dogs'), k=2, seed=0)
    with pytest.warns(UserWarning, match='Skipped 1 unreadable image'):
        dls = data.pets_dataloaders(split, size=16, bs=2)
    assert len(dls.train_ds) + len(dls.valid_ds) == 6   # 7 files, 1 broken

@need_imdb
def test_imdb_sample_reads_as_distributed():
    r = data.read_reviews(IMDB)
    assert (len(r), int((~r.is_valid).sum()), int(r.is_valid.sum())) == (1000, 800, 200)
    assert r.text.str.len().min() > 10
