"The embedded ImageNet weights are real: real pet photos land in the right species' ImageNet classes."
import numpy as np, pytest
from conftest import SHARED_DATA
from tl_explore.backbones import backbone, imagenet_top1, IMAGENET_CATS, IMAGENET_DOGS
from tl_explore.data import index_pets, load_image

PETS = SHARED_DATA/'oxford-iiit-pet'

@pytest.mark.skipif(not (PETS/'images').is_dir(), reason=f"real-data fixture {PETS} is absent")
def test_embedded_lite0_recognises_real_cats_and_dogs():
    pets = index_pets(PETS)
    top1 = imagenet_top1(backbone('tf_efficientnet_lite0'), [load_image(f) for f in pets.file])
    right = [(t in IMAGENET_CATS) if s == 'cat' else (t in IMAGENET_DOGS) for t, s in zip(top1, pets.species)]
    assert np.mean(right) >= 0.9, np.mean(right)

def test_random_init_does_not_recognise_anything():
    "The same check must fail for random weights: it has no ImageNet head at all"
    with pytest.raises(ValueError, match='random weights'):
        imagenet_top1(backbone('tf_efficientnet_lite0', pretrained=False), [])
