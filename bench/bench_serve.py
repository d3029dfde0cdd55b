"""Bounded load test of ``acqspec serve`` on 127.0.0.1 (not CI): 50 concurrent checks of the 100-page .docx.

    python bench/bench_serve.py [--requests 50] [--pages 100] [--workers 2]

Starts the web workspace in this process (uvicorn on a thread, a free port),
first checks the document once alone (the reference: one request on an idle
server), then sends ``--requests`` ``POST /api/check`` at once.  Every answer
must be 200 or 503 (busy, with Retry-After); anything else is a failure and
exits 1.  Prints the p50/p95 latency of the answered checks as ratios to the
reference, the count of 503s, and the peak resident memory of the process
(server and client share it; the client's part is small).
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_inputs  # noqa: E402  (bench/ is not a package)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def _check(client, url: str, data: bytes) -> tuple[int, float]:
    started = time.perf_counter()
    response = await client.post(f"{url}/api/check", files={"document": ("bench.docx", data)})
    return response.status_code, time.perf_counter() - started


async def _run(url: str, data: bytes, requests: int) -> tuple[float, list[tuple[int, float]]]:
    import httpx

    async with httpx.AsyncClient(timeout=600) as client:
        status, reference = await _check(client, url, data)
        if status != 200:
            raise SystemExit(f"the reference check failed with {status}")
        results = await asyncio.gather(*(_check(client, url, data) for _ in range(requests)))
    return reference, list(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    from acqspec.web.app import ServeSettings, create_app
    from acqspec.web.local import running

    data = Path(make_inputs.sample_path(args.pages, "docx")).read_bytes()
    with tempfile.TemporaryDirectory() as uploads:
        app = create_app(ServeSettings(workers=args.workers, temp_dir=Path(uploads)))
        before = _peak_rss_mb()
        with running(app) as url:
            reference, results = asyncio.run(_run(url, data, args.requests))
        left = list(Path(uploads).iterdir())
    answered = sorted(t for s, t in results if s == 200)
    busy = sum(1 for s, _ in results if s == 503)
    failures = [s for s, _ in results if s not in (200, 503)]
    p50 = statistics.median(answered) if answered else float("nan")
    p95 = answered[min(len(answered) - 1, int(0.95 * len(answered)))] if answered else float("nan")
    print(f"{args.requests} concurrent checks of a {args.pages}-page .docx ({len(data) / 1e6:.1f} MB), "
          f"{args.workers} workers: {len(answered)} answered, {busy} busy (503), {len(failures)} failed "
          f"{sorted(set(failures)) or ''}")
    print(f"reference (one check, idle server): {reference:.2f} s")
    print(f"answered latency: p50 {p50:.2f} s ({p50 / reference:.1f}x reference), "
          f"p95 {p95:.2f} s ({p95 / reference:.1f}x reference)")
    print(f"peak RSS: {_peak_rss_mb():.0f} MB (after start-up: {before:.0f} MB); "
          f"upload folders left: {len(left)}")
    if failures or left:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
