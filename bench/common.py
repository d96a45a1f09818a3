"""What every bench script shares: medians of repeated timings, the real data it measures on, and the dated JSON file
each run writes (bench/results/<script>-<YYYY-MM-DD>.json, read by bench/measured.py for the start page's table).

A results file holds: script, started (date and time, ISO 8601), seconds (the whole run), commit (`git rev-parse --short
HEAD`, '+dirty' when the tree has changes outside bench/results/), machine (cpu, cores, ram_gib, torch, device, python,
and the 1-minute load average at the start and the end: the CPU may be shared), command and args (the command line,
parsed), figures ({name: {value, unit, description}}) and details (the tables behind the figures)."""
import argparse, datetime, json, os, platform, statistics, subprocess, sys, time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH/'results'

def median_seconds(f, # function of no arguments; its result must be the same each time
                   repeats:int): # how many times it is timed
    "(f's last result, the median of its seconds over `repeats` runs)"
    times = []
    for _ in range(repeats):
        t = time.perf_counter(); out = f(); times.append(time.perf_counter() - t)
    return out, statistics.median(times)

def real_dataset():
    "The `dataset` to measure on: the real-data fixtures (`fixture_dir()`) when present, else the embedded sample"
    from tl_explore.data import fixture_dir
    fixtures = fixture_dir()
    return fixtures if fixtures is not None else 'embedded'

def git_commit():
    "HEAD's short commit, with '+dirty' when the working tree has changes (bench/results/ itself does not count)"
    def git(*a):
        return subprocess.run(['git', *a], cwd=BENCH.parent, capture_output=True, text=True, check=True).stdout.strip()
    try: sha, changes = git('rev-parse', '--short', 'HEAD'), git('status', '--porcelain', '--', '.', ':!bench/results')
    except (OSError, subprocess.CalledProcessError): return 'unknown (not a git checkout)'
    return sha + ('+dirty' if changes else '')

def machine():
    "The CPU model, cores this process may use, RAM, the torch version, and the device the package computes on (named)"
    import torch
    from tl_explore.core import default_device
    info = Path('/proc/cpuinfo').read_text() if Path('/proc/cpuinfo').is_file() else ''
    cpu = next((l.split(':', 1)[1].strip() for l in info.splitlines() if l.startswith('model name')), None)
    mem = Path('/proc/meminfo').read_text().split()[1] if Path('/proc/meminfo').is_file() else None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()
    dev = default_device()
    gpu = torch.cuda.get_device_name(dev) if dev.type == 'cuda' else None
    return dict(cpu=cpu or platform.processor() or platform.machine(), cores=cores,
                ram_gib=round(int(mem) / 2**20, 1) if mem else None, torch=torch.__version__,
                device=str(dev) + (f' ({gpu}, {torch.cuda.device_count()} on the machine)' if gpu else ''),
                python=platform.python_version())

class Results:
    "The figures of one bench run; `write` saves them with the run's date, commit, machine and command line"
    def __init__(self, args:argparse.Namespace): # the script's parsed command line
        self.script, self.args = Path(sys.argv[0]).name, vars(args)
        self.started, self.start = datetime.datetime.now().astimezone(), time.perf_counter()
        self.load = os.getloadavg()[0]   # the CPU is shared: how busy it was says how far to trust the seconds
        self.figures, self.details = {}, {}

    def add(self, name:str, # a key, unique in this script
            value, # a number (or a short list of numbers)
            unit:str, # 'fraction', 's', 'ms', 'x', 'images/s', 'Spearman rho' ...
            description:str): # what was measured, in a sentence
        "Record one figure"
        self.figures[name] = dict(value=value, unit=unit, description=description)
        return value

    def write(self):
        "Save bench/results/<script>-<date>.json (a later run on the same day replaces it); the file's path"
        RESULTS.mkdir(exist_ok=True)
        out = dict(script=self.script, started=self.started.isoformat(timespec='seconds'),
                   seconds=round(time.perf_counter() - self.start, 1), commit=git_commit(),
                   machine=dict(machine(), load_avg_start=round(self.load, 2),
                                load_avg_end=round(os.getloadavg()[0], 2)),
                   command=' '.join(['python', f'bench/{self.script}', *sys.argv[1:]]), args=self.args,
                   figures=self.figures, details=self.details)
        f = RESULTS/f"{Path(self.script).stem}-{self.started.date().isoformat()}.json"
        f.write_text(json.dumps(out, indent=1, ensure_ascii=False) + '\n')
        print(f"\nwrote {f.relative_to(BENCH.parent)} ({out['seconds']:.0f} s, commit {out['commit']})")
        return f
