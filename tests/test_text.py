"Text: checkpoints never run code from the folder, and an unknown checkpoint offline says what to use instead."
import json, shutil
import pytest
from tl_explore import core, text

def test_checkpoint_code_is_never_run(tmp_path):
    "A folder whose config asks for custom code (auto_map) loads transformers' own class, and its code does not run"
    folder = tmp_path/'ckpt'
    shutil.copytree(text.resolve_checkpoint(), folder)
    marker = tmp_path/'code-ran'
    (folder/'evil.py').write_text(f"open({str(marker)!r}, 'w').write('x')\nfrom transformers import BertModel as EvilModel\n")
    cfg = json.loads((folder/'config.json').read_text())
    cfg['auto_map'] = {'AutoModel': 'evil.EvilModel', 'AutoConfig': 'evil.EvilModel'}
    (folder/'config.json').write_text(json.dumps(cfg))
    clf = text.TextClassifier.from_checkpoint(str(folder))
    assert not marker.exists()
    assert type(clf.model.encoder).__module__.startswith('transformers.'), type(clf.model.encoder)

def test_unknown_hub_id_offline_points_at_the_embedded_model():
    with core.offline(), pytest.raises(core.OfflineError, match='sentence-transformers/all-MiniLM-L6-v2 \\(embedded\\)'):
        text.resolve_checkpoint('some-org/some-model-that-is-not-here')
