"""Benchmark extraction throughput: ``realpolitik extract`` as a subprocess over a news corpus.

Runs the real command, as a user would, once per ``--jobs`` value, with its JSONL output counted
and thrown away, and reports speed (MB/s of input, documents/s), relations found, and the
peak resident memory, against the project's targets:

    floor  >= 1 MB/s on one core (--jobs 1), peak RSS <= 500 MB
    goal   >= 2 MB/s on one core,            peak RSS <= 300 MB

MB here is 10^6 bytes of input files. The time is wall-clock time of the whole command,
start-up (loading the actor and trigger tables) included; the start-up alone is measured
on a one-line document and shown too. Peak RSS is the largest single process (the command or one
of its workers, from ``wait4``); with ``--jobs 2`` the sampled sum over the process tree is
shown as well (it counts pages shared by forked workers more than once).

The default corpus is the Reuters-21578 bodies in ``../shared/corpus/reuters21578/docs``
(relative to the repository). It is research-only data: read it where it is, never copy it
into the repository.

    .venv/bin/python benchmarks/throughput.py --jobs 1            # the whole corpus, one core
    .venv/bin/python benchmarks/throughput.py --limit 500         # a quick check, --jobs 1 and 2
    .venv/bin/python benchmarks/throughput.py /some/other/dir --jobs 2
    .venv/bin/python benchmarks/throughput.py --jobs 1 --repeat 3 # the fastest of three runs

On a shared machine other work slows a run down: the load average is printed before and after,
with each run's CPU time (the command and its workers); ``--repeat N`` keeps the fastest of N runs.

Exit status: 0 when the floors pass, 1 when one fails, 2 when the corpus is missing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from realpolitik.ingest import SUFFIXES

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "reuters21578" / "docs"

FLOOR_MBPS, GOAL_MBPS = 1.0, 2.0
FLOOR_RSS_MB, GOAL_RSS_MB = 500.0, 300.0


@dataclass
class Run:
    jobs: int
    seconds: float
    relations: int
    skipped: int
    peak_rss_mb: float  # largest single process
    tree_rss_mb: float  # sampled sum over the command and its workers
    returncode: int
    cpu_seconds: float = 0.0  # user + system time of the command and its reaped workers


def command() -> list[str]:
    """The installed ``realpolitik`` next to this interpreter, else the module."""
    script = Path(sys.executable).with_name("realpolitik")
    return [str(script)] if script.exists() else [sys.executable, "-m", "realpolitik.serve.cli"]


def corpus_files(directory: Path) -> list[Path]:
    """The files ``extract`` reads from a directory (same suffixes, hidden entries left out)."""
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES:
                found.append(Path(root) / name)
    return found


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and its descendants, from /proc (0 where /proc is missing)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return 0
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as handle:
                fields = dict(line.split(":", 1) for line in handle if ":" in line)
        except OSError:
            continue  # the process ended meanwhile
        parents[int(entry)] = int(fields.get("PPid", "0").strip())
        rss[int(entry)] = int(fields.get("VmRSS", "0 kB").split()[0])
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, ppid in parents.items():
            if ppid == parent and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(p, 0) for p in tree)


def run(inputs: list[str], jobs: int) -> Run:
    """Run ``realpolitik extract`` once; count output lines and skips; measure time and memory."""
    argv = [*command(), "extract", *inputs, "--jobs", str(jobs)]
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    tree_peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal tree_peak
        while not stop.wait(0.25):
            tree_peak = max(tree_peak, _tree_rss_kb(proc.pid))

    skipped = 0
    stderr_tail: list[bytes] = []

    def drain_stderr() -> None:
        nonlocal skipped
        assert proc.stderr is not None
        for line in proc.stderr:
            skipped += line.startswith(b"skipped")
            stderr_tail[:] = [*stderr_tail[-20:], line]

    threads = [threading.Thread(target=sample, daemon=True), threading.Thread(target=drain_stderr, daemon=True)]
    for t in threads:
        t.start()
    relations = 0
    assert proc.stdout is not None
    while chunk := proc.stdout.read(1 << 16):
        relations += chunk.count(b"\n")
    # wait4, not Popen.wait: its resource usage is this child's (and its reaped workers') alone.
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    for t in threads:
        t.join(timeout=5)
    proc.stdout.close()
    proc.stderr.close()
    if proc.returncode not in (0, 2):
        sys.stderr.write(b"".join(stderr_tail).decode(errors="replace"))
    cpu = usage.ru_utime + usage.ru_stime
    return Run(jobs, seconds, relations, skipped, usage.ru_maxrss / 1024, tree_peak / 1024, proc.returncode, cpu)


def load() -> str:
    """The 1, 5 and 15 minute load averages, and the core count, for the record."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "load average unknown"
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help=f"directory of .txt/.html news files (default {DEFAULT_CORPUS})")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values to run (default 1 2)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N files (sorted by name)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per --jobs value; the fastest counts (default 1)")
    args = parser.parse_args(argv)

    if not args.corpus.is_dir():
        print(f"throughput.py: corpus directory not found: {args.corpus}\n"
              "give the path of a directory of news files as the first argument", file=sys.stderr)
        return 2
    files = corpus_files(args.corpus)
    if args.limit is not None:
        files = files[: max(0, args.limit)]
    if not files:
        print(f"throughput.py: no .txt or .html files in {args.corpus}", file=sys.stderr)
        return 2
    total_bytes = sum(f.stat().st_size for f in files)

    with tempfile.TemporaryDirectory(prefix="rp-bench-") as tmp:
        if args.limit is None:
            inputs = [str(args.corpus)]
        else:
            # Links, not copies: the command reads the first N files through a directory of its own.
            subset = Path(tmp) / "subset"
            subset.mkdir()
            for f in files:
                (subset / f.name).symlink_to(f.resolve())
            inputs = [str(subset)]
        probe = Path(tmp) / "probe.txt"
        probe.write_text("Turkey condemned Israel on Monday.\n", encoding="utf-8")

        print(f"command: {' '.join(command())} extract {inputs[0]} --jobs N > counted, discarded")
        print(f"corpus:  {args.corpus}: {len(files)} files, {total_bytes / 1e6:.2f} MB"
              + (f" (first {args.limit})" if args.limit is not None else ""))
        startup = run([str(probe)], 1)
        print(f"start-up (one tiny document): {startup.seconds:.2f} s, {startup.peak_rss_mb:.0f} MB RSS")
        print(f"before:  {load()}\n")

        results = []
        for jobs in args.jobs:
            runs = [run(inputs, jobs) for _ in range(max(1, args.repeat))]
            r = min(runs, key=lambda x: x.seconds)
            r.peak_rss_mb = max(x.peak_rss_mb for x in runs)
            r.tree_rss_mb = max(x.tree_rss_mb for x in runs)
            if len(runs) > 1:
                print(f"--jobs {jobs}: {len(runs)} runs: " + ", ".join(f"{x.seconds:.1f} s" for x in runs) + "; the fastest:")
            results.append(r)
            mbps = total_bytes / 1e6 / r.seconds
            net = total_bytes / 1e6 / max(r.seconds - startup.seconds, 1e-9)
            docs = len(files) - r.skipped
            print(f"--jobs {jobs}: {r.seconds:.1f} s, {mbps:.2f} MB/s ({net:.2f} MB/s without start-up), "
                  f"{docs / r.seconds:.0f} docs/s, {docs} documents, {r.skipped} skipped, "
                  f"{r.relations} relations, CPU {r.cpu_seconds:.1f} s, peak RSS {r.peak_rss_mb:.0f} MB"
                  + (f" (process tree {r.tree_rss_mb:.0f} MB sampled)" if jobs > 1 else "")
                  + (f", exit status {r.returncode}" if r.returncode else ""))
            if r.returncode not in (0, 2):
                print(f"throughput.py: realpolitik extract failed with status {r.returncode}", file=sys.stderr)
                return 1

    print(f"\nafter:   {load()}")
    print("\ntargets")
    floors_ok = True
    one = next((r for r in results if r.jobs == 1), None)
    if one is not None:
        mbps = total_bytes / 1e6 / one.seconds
        floors_ok &= mbps >= FLOOR_MBPS
        print(f"  floor  speed, one core   >= {FLOOR_MBPS:.0f} MB/s  {mbps:6.2f}   {verdict(mbps >= FLOOR_MBPS)}")
        print(f"  goal   speed, one core   >= {GOAL_MBPS:.0f} MB/s  {mbps:6.2f}   {verdict(mbps >= GOAL_MBPS)}")
    else:
        print("  speed targets are for --jobs 1: not run")
    rss = max(r.peak_rss_mb for r in results)
    floors_ok &= rss <= FLOOR_RSS_MB
    print(f"  floor  peak RSS         <= {FLOOR_RSS_MB:.0f} MB  {rss:6.0f}   {verdict(rss <= FLOOR_RSS_MB)}")
    print(f"  goal   peak RSS         <= {GOAL_RSS_MB:.0f} MB  {rss:6.0f}   {verdict(rss <= GOAL_RSS_MB)}")
    return 0 if floors_ok else 1


if __name__ == "__main__":
    sys.exit(main())
