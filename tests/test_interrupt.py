"""An interrupt stops a widget's run within seconds, with the weights as before and nothing recorded: one sent from
another thread (`_thread.interrupt_main()`, the way some Jupyter front ends interrupt a kernel) while `wait()` blocks;
Ctrl-C (SIGINT) while the program does something else; and a real Jupyter kernel's interrupt while the kernel idles.
Each runs in a child process (or kernel): the interrupt goes to that process's main thread, not to pytest's."""
import os, subprocess, sys, textwrap, time

SETUP = textwrap.dedent("""
    import _thread, os, signal, tempfile, threading, time, torch
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
    w.set_depth(0); w.train(); t0 = time.monotonic()
""")
REPORT = textwrap.dedent("""
    print('BUSY', w.busy, 'RUNS', len(w.results))
    print('SAME', all(torch.equal(v, w.clf.model.state_dict()[k]) for k, v in before.items()))
    print('STATUS', w.status.value)
""")
ENV = {**os.environ, 'TL_EXPLORE_OFFLINE': 'true', 'OMP_NUM_THREADS': '1'}

def run(trigger):
    "Lines 'KEY value' printed by the setup, `trigger` and the report, in a child process"
    out = subprocess.run([sys.executable, '-c', SETUP + textwrap.dedent(trigger) + REPORT], capture_output=True,
                         text=True, timeout=600, env=ENV)
    lines = dict(l.split(' ', 1) for l in out.stdout.splitlines() if ' ' in l)
    assert 'INTERRUPTED' in lines, out.stdout + out.stderr
    return lines

def stopped(lines):
    "The 200-epoch run stopped within seconds, recorded nothing and left the weights as they were"
    assert float(lines['INTERRUPTED'].split()[1]) < 15, lines
    assert lines['BUSY'] == 'False RUNS 0' and lines['SAME'] == 'True', lines
    assert 'stopped at step' in lines['STATUS'], lines

def test_an_interrupt_from_another_thread_stops_wait_and_the_run():
    stopped(run("""
        threading.Timer(2, _thread.interrupt_main).start()
        try: w.wait(); print('NOT INTERRUPTED')
        except KeyboardInterrupt: print(f'INTERRUPTED after {time.monotonic() - t0:.1f} s')
    """))

def test_ctrl_c_while_the_program_does_something_else_stops_the_run():
    stopped(run("""
        try: time.sleep(2); os.kill(os.getpid(), signal.SIGINT); time.sleep(30); print('NOT INTERRUPTED')
        except KeyboardInterrupt: pass   # the interrupted code sees its KeyboardInterrupt, as without a widget
        w.wait(30); print(f'INTERRUPTED after {time.monotonic() - t0:.1f} s')
    """))

def test_interrupting_an_idle_kernel_stops_the_run():
    "A real IPython kernel: Train starts the run and the kernel goes idle; the ■ button (interrupt) stops the run"
    from jupyter_client.manager import KernelManager
    km = KernelManager(kernel_name='python3')
    km.kernel_spec.argv[0] = sys.executable   # this environment's Python, whatever the kernelspec names
    km.start_kernel(env=ENV)
    kc = km.client(); kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        out = []
        def execute(code):
            reply = kc.execute_interactive(code, timeout=300, output_hook=lambda m: out.append(
                m['content'].get('text', '')) if m['msg_type'] == 'stream' else None)
            assert reply['content']['status'] == 'ok', reply['content']
        execute(SETUP)                         # the run starts; the cell ends; the kernel idles
        time.sleep(3); km.interrupt_kernel()   # as the ■ button does
        time.sleep(3)
        execute("w.wait(30); print(f'INTERRUPTED after {time.monotonic() - t0:.1f} s')" + REPORT)
        lines = dict(l.split(' ', 1) for l in ''.join(out).splitlines() if ' ' in l)
        stopped(lines)
    finally:
        kc.stop_channels(); km.shutdown_kernel(now=True)
