"""What the explanation benchmarks (explain.py, explain_budget.py) share: the models, the inputs, and the agreement
measure."""
import numpy as np
from PIL import Image
from scipy.stats import spearmanr
import tl_explore.text as tt
from tl_explore.backbones import backbone, square
from tl_explore.data import index_pets, pets_path, toy_reviews
from tl_explore.freeze import freeze_to
from tl_explore.vision import imagenet_classifier
from common import real_dataset

SIZE = 224 # side of the explained photos

def rho(a, b):
    "Spearman correlation of two score arrays of any shape"
    return float(spearmanr(np.ravel(a), np.ravel(b)).statistic)

def small(m):
    "A pixel map at 56x56, so that maps from different segmentations are compared pixel by pixel"
    return np.asarray(Image.fromarray(m.astype(np.float32)).resize((56, 56), Image.BILINEAR))

def pet_photos(n:int):
    "n real pet photos (every 23rd of the fixture, else of the embedded sample), their middle squares at SIZE px"
    files = index_pets(pets_path(real_dataset())).file.iloc[::23][:n]
    return [np.asarray(square(f, SIZE)) for f in files]

def imagenet_model():
    "The embedded ImageNet EfficientNet-Lite0 with its own 1000-class head, seeing SIZE-px pictures"
    return imagenet_classifier(backbone(), size=SIZE)

def toy_text_model():
    "(MiniLM fine-tuned briefly on 200 toy reviews, 40 held-out toy reviews)"
    reviews = toy_reviews(n_train=200, n_valid=40, heldout=False, seed=0)
    clf = tt.TextClassifier.from_checkpoint(max_len=64); freeze_to(clf, 2)
    tt.fine_tune(clf, reviews, epochs=2, lr=2e-4, bs=32, show=False)
    return clf, reviews.text[reviews.is_valid].tolist()
