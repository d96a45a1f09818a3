"""What the explanation benchmarks (explain.py, explain_budget.py) share: the models, the inputs, and the agreement measure."""
from pathlib import Path
import numpy as np, torch
from PIL import Image
from scipy.stats import spearmanr
import tl_explore.explain as te, tl_explore.text as tt
from tl_explore.backbones import backbone
from tl_explore.data import index_pets, load_image, toy_pet, toy_reviews
from tl_explore.freeze import freeze_to

PETS = Path(__file__).resolve().parents[1].parent/'shared'/'data'/'oxford-iiit-pet'

def rho(a, b):
    "Spearman correlation of two score arrays of any shape"
    return float(spearmanr(np.ravel(a), np.ravel(b)).statistic)

def small(m):
    "A pixel map at 56x56, so that maps from different segmentations are compared pixel by pixel"
    return np.asarray(Image.fromarray(m.astype(np.float32)).resize((56, 56), Image.BILINEAR))

def pet_photos(n:int):
    "n 224-px photos, every 23rd of the Oxford-IIIT Pet fixture (toy pets when the fixture is absent)"
    if (PETS/'images').is_dir(): ims = [load_image(f) for f in index_pets(PETS).file.iloc[::23][:n]]
    else: ims = [toy_pet('collar_terrier', seed=3 + i)[0] for i in range(n)]
    return [np.asarray(im.resize((224, 224), Image.BILINEAR)) for im in ims]

def imagenet_fn():
    "The embedded ImageNet EfficientNet-Lite0 as a uint8-images -> probabilities function"
    bb = backbone()
    return te.model_fn(torch.nn.Sequential(bb.body, bb.imagenet_head), bb.stats)

def toy_text_model():
    "(MiniLM fine-tuned briefly on 200 toy reviews, 40 held-out toy reviews)"
    reviews = toy_reviews(n_train=200, n_valid=40, heldout=False, seed=0)
    clf = tt.TextClassifier.from_checkpoint(max_len=64); freeze_to(clf, 2)
    tt.fine_tune(clf, reviews, epochs=2, lr=2e-4, bs=32, show=False)
    return clf, reviews.text[reviews.is_valid].tolist()
