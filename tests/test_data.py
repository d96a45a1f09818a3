"""Data: what a notebook page should not show — the index never opens images, the dataset setting picks the data
(and never downloads unless asked), and the real fixtures load end to end."""
import os, warnings
import pytest
from PIL import Image
from conftest import SHARED_DATA
from tl_explore import core, data

PETS = SHARED_DATA/'oxford-iiit-pet' if SHARED_DATA is not None else None
IMDB = SHARED_DATA/'imdb_sample'/'texts.csv' if SHARED_DATA is not None else None
need_pets = pytest.mark.skipif(PETS is None or not (PETS/'images').is_dir(),
                               reason="the real-data fixtures (../shared/data/oxford-iiit-pet) are absent")
need_imdb = pytest.mark.skipif(IMDB is None or not IMDB.is_file(),
                               reason="the real-data fixtures (../shared/data/imdb_sample) are absent")

@pytest.fixture
def learner(tmp_path, monkeypatch):
    "A working folder of a learner with no settings of their own: no settings.ini, no TL_EXPLORE_* but offline"
    for k in [k for k in os.environ if k.startswith('TL_EXPLORE_') and k != 'TL_EXPLORE_OFFLINE']: monkeypatch.delenv(k)
    monkeypatch.setenv('XDG_CONFIG_HOME', str(tmp_path/'config'))
    monkeypatch.chdir(tmp_path)
    return tmp_path

def test_index_opens_no_image(tmp_path, monkeypatch):
    (tmp_path/'images').mkdir()
    for i in range(50): Image.new('RGB', (8, 8)).save(tmp_path/'images'/f'pug_{i}.jpg')
    def refuse(*a, **k): raise AssertionError('index_pets opened an image')
    monkeypatch.setattr(Image, 'open', refuse)
    assert len(data.index_pets(tmp_path)) == 50

def test_embedded_sample_is_the_default(learner):
    assert core.settings().dataset == 'embedded'
    pets = data.index_pets(data.pets_path())
    assert data.pets_path() == data.pets_path('embedded')
    assert pets.groupby('species').breed.nunique().to_dict() == {'cat': 12, 'dog': 25}
    assert pets.breed.value_counts().unique().tolist() == [6] and len(pets) == 222
    listed = data._species_from_list(data.pets_path())
    assert all(listed[n] == s for n, s in zip(pets.name, pets.species))
    boxes = data.head_boxes(data.pets_path())
    assert sorted(boxes) == sorted(pets.name)
    for name, (x0, y0, x1, y1) in boxes.items():
        w, h = data.load_image(data.pets_path()/'images'/f'{name}.jpg').size
        assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h and min(w, h) <= 256, name

def test_embedded_imdb_sample_reads(learner):
    r = data.read_reviews(data.imdb_sample_path())
    assert (len(r), int((~r.is_valid).sum()), int(r.is_valid.sum())) == (1000, 800, 200)
    assert sorted(r.label.unique()) == ['negative', 'positive'] and r.text.str.len().min() > 10

def test_changing_the_settings_file_changes_the_data(learner):
    ini = learner/'settings.ini'
    ini.write_text('[tl_explore]\ndataset = embedded\n')
    assert data.pets_path() == data.pets_path('embedded')
    (learner/'my_pets'/'images').mkdir(parents=True)
    ini.write_text('[tl_explore]\ndataset = my_pets\n')   # relative to the file's folder
    assert data.pets_path() == learner/'my_pets'
    assert data.imdb_sample_path(download=False) is None
    with pytest.raises(data.DataError, match='holds neither texts.csv nor imdb_sample/texts.csv'):
        data.imdb_sample_path()
    ini.write_text('[tl_explore]\ndataset = no_such_folder\n')
    with pytest.raises(core.SettingsError, match='embedded, full, or the path of an existing folder'): data.pets_path()

@need_pets
@need_imdb
def test_dataset_setting_as_a_folder_of_the_fixtures(learner, monkeypatch):
    monkeypatch.setenv('TL_EXPLORE_DATASET', str(SHARED_DATA))
    assert data.pets_path() == PETS and data.imdb_sample_path() == IMDB
    assert len(data.index_pets(data.pets_path())) == 222
    monkeypatch.setenv('TL_EXPLORE_DATASET', str(PETS))   # a folder that is itself the dataset
    assert data.pets_path() == PETS

def test_full_offline_names_the_fix_and_tries_no_network(learner, monkeypatch, capsys):
    "dataset = full with nothing in data_dir, offline: an OfflineError naming dataset = embedded, before any attempt"
    import fastai.data.external as fde
    def refuse(*a, **k): raise AssertionError('untar_data was called while offline')
    monkeypatch.setattr(fde, 'untar_data', refuse)
    monkeypatch.setenv('TL_EXPLORE_OFFLINE', 'true')
    monkeypatch.setenv('TL_EXPLORE_DATASET', 'full')
    monkeypatch.setenv('TL_EXPLORE_DATA_DIR', str(learner/'empty'))
    with pytest.raises(core.OfflineError, match='dataset = embedded') as e: data.pets_path()
    assert 'will not download the Oxford-IIIT Pet dataset (about 800 MB)' in str(e.value)
    with pytest.raises(core.OfflineError, match='dataset = embedded'): data.imdb_sample_path()
    assert 'downloading' not in capsys.readouterr().out
    assert data.pets_path(download=False) is None

def test_full_says_the_size_before_it_downloads(learner, monkeypatch, capsys):
    "Online, dataset = full prints what it fetches and its size first, then downloads into data_dir (faked here)"
    import fastai.data.external as fde
    calls = []
    def fake_untar(url, data=None, **k):
        calls.append((url, capsys.readouterr().out))
        (data/'oxford-iiit-pet'/'images').mkdir(parents=True)
        return data/'oxford-iiit-pet'
    monkeypatch.setattr(fde, 'untar_data', fake_untar)
    monkeypatch.setenv('TL_EXPLORE_OFFLINE', 'false')
    got = data.pets_path('full', data_dir=learner/'data')
    assert got == learner/'data'/'oxford-iiit-pet'
    (url, printed), = calls
    assert url == fde.URLs.PETS and 'downloading the Oxford-IIIT Pet dataset (about 800 MB)' in printed
    assert data.pets_path('full', data_dir=learner/'data') == got and len(calls) == 1   # found there the next time

@need_pets
def test_full_uses_what_data_dir_holds(learner, monkeypatch):
    monkeypatch.setenv('TL_EXPLORE_OFFLINE', 'true')
    assert data.pets_path('full', data_dir=SHARED_DATA) == PETS

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
