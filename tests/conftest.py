import sys
from pathlib import Path
import pytest

sys.path.insert(0, str(Path(__file__).parent))
import netguard

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent/'shared'/'data'

@pytest.fixture(autouse=True)
def no_outside_network():
    "Every test fails if the code under test tries to reach beyond loopback"
    netguard.install()
    before = len(netguard.attempts)
    yield
    new = netguard.attempts[before:]
    assert not new, f"code under test tried to reach the network: {new}"
