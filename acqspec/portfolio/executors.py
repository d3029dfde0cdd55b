"""Where a portfolio scan checks documents: ``local[:N]`` worker processes or ``dask://HOST:PORT``.

On Dask the client sends the documents' **bytes** in shards (workers need no
shared file system, only the same acqspec version installed); the library and
rules go to every worker once (``Client.scatter(broadcast=True)``), and each
worker loads the NLP pipeline once per scan and keeps it in a module-level
cache keyed by the library and settings.  Results come back as shards finish
(``as_completed``) and are stored by the client, so they are the same rows a
local scan writes.  At most ``2 × workers`` shards are in flight, which bounds
the client's memory.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from acqspec.check.engine import DocumentOutcome
from acqspec.errors import AcqspecError
from acqspec.pipeline import Checker, Unreadable, worker_checker
from acqspec.portfolio.scan import Executor, Item, check_item, local_executor

SHARD_SIZE = 8
"""Documents per Dask task: large enough to amortise scheduling, small enough to balance load."""

_WORKER_CHECKERS: dict[str, Checker] = {}


def parse_executor(spec: str, *, default_jobs: int = 1) -> Executor:
    """``local``, ``local:N`` or ``dask://HOST:PORT`` → an executor; a bad spec is an :class:`AcqspecError`."""
    if spec == "local":
        return local_executor(default_jobs)
    if match := re.fullmatch(r"local:(\d{1,2})", spec):
        jobs = int(match.group(1))
        if not 1 <= jobs <= 64:
            raise AcqspecError(f"--executor {spec}: the number of processes must be 1 to 64")
        return local_executor(jobs)
    if match := re.fullmatch(r"dask://([^\s/:]+|\[[0-9a-fA-F:]+\]):(\d{1,5})", spec):
        return dask_executor(f"tcp://{match.group(1)}:{match.group(2)}")
    raise AcqspecError(f"--executor {spec!r}: use local, local:N or dask://HOST:PORT")


def dask_executor(address: str, *, shard_size: int = SHARD_SIZE) -> Executor:
    """Check items on the Dask cluster whose scheduler listens at ``address`` (``tcp://host:port`` or a Client)."""
    try:
        import distributed  # noqa: F401 - only to fail early and clearly
    except ImportError:
        raise AcqspecError("--executor dask://… needs the Dask extra: pip install 'acqspec[dask]'") from None

    def run(checker: Checker, items: list[Item]) -> Iterator[tuple[Item, DocumentOutcome | Unreadable]]:
        if not items:
            return
        from distributed import Client, as_completed

        try:
            client = address if isinstance(address, Client) else Client(address, timeout=30)
        except (OSError, TimeoutError) as exc:
            raise AcqspecError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        try:
            yield from _run(client, as_completed, checker, items, shard_size)
        finally:
            if client is not address:
                client.close()

    return run


def _run(client, as_completed, checker: Checker, items: list[Item], shard_size: int):
    shipped = Checker(checker.catalog, checker.rules, checker.baseline, checker.revisions, None, checker.patterns)
    token = _token(items[0], checker)
    [remote] = client.scatter([shipped], broadcast=True, hash=False)
    by_path = {item.path: item for item in items}
    shards = [items[i:i + shard_size] for i in range(0, len(items), shard_size)]
    in_flight = max(2, 2 * len(client.scheduler_info().get("workers", {})))
    pending = iter(shards)
    queue = as_completed()

    def submit(shard: list[Item]) -> None:
        loaded = [item if item.data is not None else replace(item, data=Path(item.source or item.path).read_bytes(),
                                                              source=None) for item in shard]
        queue.add(client.submit(_check_shard, remote, token, loaded, pure=False))

    for shard in [s for _, s in zip(range(in_flight), pending, strict=False)]:
        submit(shard)
    for future in queue:
        answer = future.result()
        if isinstance(answer, str):
            raise AcqspecError(answer)
        next_shard = next(pending, None)
        if next_shard is not None:
            submit(next_shard)
        for path, outcome in answer:
            yield by_path[path], outcome


def _token(sample: Item, checker: Checker) -> str:
    """Which cached worker checker fits: the library, rules and baseline of this scan."""
    from acqspec.portfolio.scan import library_digest, shaping_clauses

    text = "|".join([library_digest(checker.catalog), repr(sorted(shaping_clauses(checker).items())),
                     ",".join(r.code for r in checker.rules), checker.revisions,
                     checker.baseline.description if checker.baseline else ""])
    return hashlib.sha256(text.encode()).hexdigest()


def _check_shard(checker: Checker, token: str, shard: list[Item]):
    """Runs on a Dask worker: check a shard with the worker's cached checker (the NLP pipeline loaded once)."""
    cached = _WORKER_CHECKERS.get(token)
    if cached is None:
        _WORKER_CHECKERS.clear()  # one scan's checker at a time
        cached = _WORKER_CHECKERS[token] = worker_checker(checker)
    try:
        return [(item.path, check_item(cached, item)) for item in shard]
    except AcqspecError as exc:  # exceptions lose their path/line when pickled; send the text
        return str(exc)
