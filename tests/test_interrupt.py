"""A kernel interrupt sent from another thread — `_thread.interrupt_main()`, the way some Jupyter front ends interrupt a
kernel — stops a widget's run while `wait()` blocks on it, within seconds, with the weights as before and nothing
recorded. It runs in a child process: the interrupt goes to that process's main thread, not to pytest's."""
import subprocess, sys, textwrap

SCRIPT = textwrap.dedent("""
    import _thread, tempfile, threading, time, torch
    from pathlib import Path
    from tl_explore.backbones import backbone
    from tl_explore.data import index_pets, k_shot_split, pet_task, pets_dataloaders, toy_pets
    from tl_explore.vision import transfer_model
    from tl_explore.widgets import FreezeTrainer
    toy = index_pets(toy_pets(n_per_breed=10, size=64, seed=0, path=Path(tempfile.mkdtemp())/'toy'))
    dogs = k_shot_split(pet_task(toy, 'dogs'), k=5, n_valid=5, seed=0)
    bb = backbone()
    dls = pets_dataloaders(dogs, size=64, bs=16, stats=bb.stats)
    w = FreezeTrainer(transfer_model(bb, dls.vocab, size=64), dls, epochs=200, lr=1e-2)
    before = {k: v.clone() for k, v in w.clf.model.state_dict().items()}
    w.set_depth(0); w.train()
    threading.Timer(2, _thread.interrupt_main).start(); t0 = time.monotonic()
    try: w.wait(); print('NOT INTERRUPTED')
    except KeyboardInterrupt: print(f'INTERRUPTED after {time.monotonic() - t0:.1f} s')
    print('BUSY', w.busy, 'RUNS', len(w.results))
    print('SAME', all(torch.equal(v, w.clf.model.state_dict()[k]) for k, v in before.items()))
    print('STATUS', w.status.value)
""")

def test_an_interrupt_from_another_thread_stops_wait_and_the_run():
    out = subprocess.run([sys.executable, '-c', SCRIPT], capture_output=True, text=True, timeout=600,
                         env={**__import__('os').environ, 'TL_EXPLORE_OFFLINE': 'true', 'OMP_NUM_THREADS': '1'})
    lines = dict(l.split(' ', 1) for l in out.stdout.splitlines() if ' ' in l)
    assert 'INTERRUPTED' in lines, out.stdout + out.stderr
    assert float(lines['INTERRUPTED'].split()[1]) < 15, lines   # a 200-epoch run stopped within seconds
    assert lines['BUSY'] == 'False RUNS 0' and lines['SAME'] == 'True', lines
    assert 'stopped at step' in lines['STATUS'], lines
