"""An outside-connection detector for tests, independent of tl_explore's own offline guard.

It uses Python's audit hooks: the `socket.connect` and `socket.getaddrinfo` events fire inside
CPython *before* the connection or look-up happens, so raising there stops any packet leaving,
and code under test cannot route around it (an audit hook cannot be removed)."""
import ipaddress, socket, sys

attempts = []   # every outside connection or look-up attempted while the hook was installed
allow_outside = [False]  # set by a test that checks the detector itself

def _outside(host):
    if host is None: return False
    if isinstance(host, bytes): host = host.decode()
    host = str(host).strip('[]').split('%')[0].lower()
    if host in ('', 'localhost', 'ip6-localhost', 'ip6-loopback'): return False
    try: return not ipaddress.ip_address(host).is_loopback
    except ValueError: return True

class OutsideConnection(RuntimeError): pass

def _hook(event, args):
    if event == 'socket.connect':
        sock, address = args
        if sock.family not in (socket.AF_INET, socket.AF_INET6) or not _outside(address[0]): return
        host = address[0]
    elif event == 'socket.getaddrinfo':
        host = args[0]
        if not _outside(host): return
    else: return
    attempts.append((event, host))
    raise OutsideConnection(f"outside connection attempted: {event} {host!r}")

_installed = []
def install():
    "Install the hook once per process"
    if not _installed: sys.addaudithook(_hook); _installed.append(True)
