import sys
from pathlib import Path
import pytest

sys.path.insert(0, str(Path(__file__).parent))
import netguard
from tl_explore.data import fixture_dir

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = fixture_dir(ROOT)   # the real-data fixtures (../shared/data) when they are beside the project, else None

@pytest.fixture(autouse=True)
def no_outside_network():
    "Every test fails if the code under test tries to reach beyond loopback"
    netguard.install()
    before = len(netguard.attempts)
    yield
    new = netguard.attempts[before:]
    assert not new, f"code under test tried to reach the network: {new}"
