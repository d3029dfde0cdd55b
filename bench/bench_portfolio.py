"""Portfolio scans: documents/s locally (-j 1, -j 2) and on a Dask LocalCluster, client memory, re-scans.

N deterministic SOW-like Markdown documents of 1–20 pages (``bench/make_inputs.py``'s generator, seed =
document number) are scanned into a fresh store by each executor; then 1% of the files are changed and the
same executor scans again.  Every scan runs in its own Python process, which reports its wall time and its
own peak RSS (the client: with ``local:1`` it also checks the documents; with ``local:2`` and Dask the
checking happens in worker processes, while a LocalCluster's scheduler runs inside the client).  Figures are
ratios to the ``local:1`` full scan measured in the same run, plus the re-scan time as a share of the
executor's own full scan (target: at most 5%).  Not run in CI.

Usage::

    python bench/bench_portfolio.py --count 10000          # the full benchmark (hours on 2 cores)
    python bench/bench_portfolio.py --count 200 --json bench/results/portfolio.json
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_inputs import build_blocks, render_md

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from acqspec.check.registry import selected_rules
from acqspec.library.loader import load_catalog
from acqspec.pipeline import Checker
from acqspec.portfolio.scan import ScanSettings, local_executor, scan
from acqspec.portfolio.store import open_store
from acqspec.resources import default_library_dir

folder, db, executor = sys.argv[1], sys.argv[2], sys.argv[3]
start = time.perf_counter()
catalog = load_catalog((default_library_dir(),))
rules = [rule() for rule in selected_rules((), ())]
checker = Checker(catalog, rules)
settings = ScanSettings({"kind": "none"}, tuple(r.code for r in rules), "accepted")
cluster = None
if executor.startswith("local:"):
    run = local_executor(int(executor.split(":")[1]))
else:
    from distributed import Client, LocalCluster
    from acqspec.portfolio.executors import dask_executor
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=":0")
    client = Client(cluster)
    run = dask_executor(client)
with open_store(Path(db)) as store:
    summary = scan([folder], store, checker, settings, executor=run)
seconds = time.perf_counter() - start
if cluster is not None:
    client.close(); cluster.close()
print(json.dumps({"seconds": seconds, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "checked": summary.new + summary.changed + summary.rechecked, "line": summary.line()}))
"""


def make_folder(root: Path, count: int) -> list[Path]:
    """``count`` documents of 1–20 pages, the same for the same count."""
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(16)
    paths = []
    for i in range(count):
        path = root / f"{i // 1000:02d}" / f"sow-{i:05d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(render_md(build_blocks(rng.randint(1, 20), seed=i)))
        paths.append(path)
    return paths


def change_one_percent(paths: list[Path], step: int) -> int:
    """Append a requirement to every 100th file (a different 1% each step); returns how many changed."""
    changed = paths[step % 100::100] or paths[:1]
    for path in changed:
        path.write_bytes(path.read_bytes() + f"\n\nThe Contractor shall deliver change {step}.\n".encode())
    return len(changed)


def run_scan(folder: Path, db: Path, executor: str) -> dict:
    """One scan in a fresh Python process; its own report of time and peak memory."""
    done = subprocess.run([sys.executable, "-c", _CHILD, str(folder), str(db), executor], check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="documents (default 10,000)")
    parser.add_argument("--executors", default="local:1,local:2,dask", help="comma-separated")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="acqspec-bench-portfolio-"))
    try:
        paths = make_folder(work / "docs", args.count)
        pages = "1-20"
        rows = []
        for step, executor in enumerate(args.executors.split(",")):
            db = work / f"{executor.replace(':', '-')}.sqlite"
            full = run_scan(work / "docs", db, executor)
            changed = change_one_percent(paths, step + 1)
            rescan = run_scan(work / "docs", db, executor)
            rows.append({"executor": executor, "full": full, "rescan": rescan, "changed": changed})
        reference = rows[0]["full"]["seconds"]
        print(f"{args.count} documents of {pages} pages; reference: {rows[0]['executor']} full scan "
              f"= {reference:.1f} s")
        print(f"{'executor':10} {'docs/s':>8} {'vs ref':>7} {'client MB':>10} {'re-scan':>8} {'re-scan/full':>12}")
        for row in rows:
            full, rescan = row["full"], row["rescan"]
            print(f"{row['executor']:10} {args.count / full['seconds']:8.2f} {reference / full['seconds']:6.2f}x "
                  f"{full['peak_rss_mb']:10.0f} {rescan['seconds']:7.1f}s {rescan['seconds'] / full['seconds']:11.1%}"
                  f"   ({rescan['line']})")
        if args.json:
            args.json.write_text(json.dumps({"count": args.count, "rows": rows}, indent=2) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
