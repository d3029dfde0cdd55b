"""Atomic output: write to a temporary file beside the target, then rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from acqspec.errors import OutputError


def write_atomic(target: str | Path, data: bytes | str, *, inputs: tuple[str | Path, ...] = ()) -> Path:
    """Write ``data`` to ``target`` atomically and return the resolved path.

    Refuses to overwrite any of ``inputs`` so a command can never clobber the
    file it read.  The temporary file lives in the target's directory so the
    final ``os.replace`` is a same-filesystem rename.
    """
    target = Path(target)
    resolved = target.resolve()
    for source in inputs:
        try:
            if Path(source).resolve() == resolved:
                raise OutputError("output path is the same as an input file; refusing to overwrite it",
                                  path=target)
        except OSError:
            continue
    directory = resolved.parent
    if not directory.is_dir():
        raise OutputError("output directory does not exist", path=target)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{resolved.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write output: {exc.strerror or exc}", path=target) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, resolved)
    except OSError as exc:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise OutputError(f"cannot write output: {exc.strerror or exc}", path=target) from exc
    return resolved
