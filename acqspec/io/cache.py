"""A small on-disk cache of derived data, in the user's cache folder.

Used to keep the parsed clause library between runs (``acqspec check`` on every
commit pays the YAML parse once, not every time).  The cache is an
optimisation only, never a source of truth:

* **where**: ``$ACQSPEC_CACHE_DIR``, else ``$XDG_CACHE_HOME/acqspec``, else
  ``~/.cache/acqspec``; ``ACQSPEC_NO_CACHE=1`` (any value but empty or ``0``)
  turns it off.
* **keyed** by the caller's content hash (for the library: every library
  file's bytes, the acqspec version and the source of the code that builds
  it), plus this module's format number and the Python version.
* **never trusted blindly**: an entry is used only if the folder and the file
  belong to the current user and nobody else can write to them, and the file's
  header names the same key, acqspec version and Python, and the payload's
  SHA-256 matches.  Anything else, a truncated file, a pickle that fails to
  load, an unreadable or read-only folder, is a miss: the caller rebuilds and
  the run is never affected.  Pickle is used because only the user's own,
  validated files are read.
* **written atomically** (:func:`acqspec.io.atomic.write_atomic`); the folder
  is created ``0o700`` and entries are ``0o600``; at most ``MAX_ENTRIES`` entries of a kind are kept
  (the oldest are removed), so libraries in temporary folders cannot fill it.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import Any

import acqspec

FORMAT = 1
MAGIC = b"acqspec-cache\n"
MAX_ENTRIES = 16
MAX_CACHE_BYTES = 64 * 1024 * 1024
"""An entry larger than this is not read (the shipped library's is ~0.5 MB)."""


def cache_disabled() -> bool:
    """Is the cache turned off by ``ACQSPEC_NO_CACHE``?"""
    return os.environ.get("ACQSPEC_NO_CACHE", "").strip() not in ("", "0")


def cache_dir() -> Path | None:
    """The cache folder (not necessarily existing yet), or None when the cache is off."""
    if cache_disabled():
        return None
    override = os.environ.get("ACQSPEC_CACHE_DIR")
    if override:
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):  # the XDG spec: a relative value is ignored
        return Path(xdg) / "acqspec"
    try:
        return Path.home() / ".cache" / "acqspec"
    except (RuntimeError, KeyError, OSError):  # no home folder
        return None


def digest(*parts: bytes | str) -> str:
    """A SHA-256 over ``parts`` (each length-prefixed, so no two lists of parts collide)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _entry(kind: str, key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{kind}-{key[:40]}.pickle"


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else (always true where there are no uids)."""
    if not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _header(key: str, payload: bytes) -> dict[str, Any]:
    return {"format": FORMAT, "key": key, "acqspec": acqspec.__version__,
            "python": sys.version, "sha256": hashlib.sha256(payload).hexdigest()}


def load(kind: str, key: str) -> Any | None:
    """The object stored under ``kind``/``key``, or None (missing, off, stale, corrupt or not the user's own)."""
    path = _entry(kind, key)
    if path is None:
        return None
    try:
        if not _private(path.parent.stat()):
            return None
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or not _private(info) or info.st_size > MAX_CACHE_BYTES:
                return None
            raw = handle.read(MAX_CACHE_BYTES + 1)
    except (OSError, ValueError):
        return None
    try:
        if not raw.startswith(MAGIC):
            return None
        end = raw.index(b"\n", len(MAGIC))
        header = json.loads(raw[len(MAGIC):end])
        payload = raw[end + 1:]
        if header != _header(key, payload):
            return None
        return pickle.loads(payload)
    except Exception:  # noqa: BLE001  (a damaged entry of any kind is a miss)
        return None


def store(kind: str, key: str, value: Any) -> bool:
    """Keep ``value`` under ``kind``/``key``; return whether it was written (a failure is silent)."""
    path = _entry(kind, key)
    if path is None:
        return False
    from acqspec.errors import AcqspecError
    from acqspec.io.atomic import write_atomic

    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        header = json.dumps(_header(key, payload), sort_keys=True).encode("ascii")
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(path.parent.stat()):
            return False
        written = write_atomic(path, MAGIC + header + b"\n" + payload)
        os.chmod(written, 0o600)  # write_atomic gives 0o666 less the umask: group-writable under umask 002
    except (AcqspecError, OSError, ValueError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return False
    _evict(path.parent, kind, keep=path)
    return True


def _evict(folder: Path, kind: str, *, keep: Path) -> None:
    """Remove the oldest entries of ``kind`` beyond ``MAX_ENTRIES`` (best effort)."""
    try:
        entries = []
        for entry in os.scandir(folder):
            if entry.name.startswith(f"{kind}-") and entry.name.endswith(".pickle") and entry.path != str(keep):
                entries.append((entry.stat().st_mtime_ns, entry.path))
        entries.sort(reverse=True)
        for _, old in entries[MAX_ENTRIES - 1:]:
            os.unlink(old)
    except OSError:
        pass


def clear(kind: str | None = None) -> int:
    """Remove the cache's entries (of ``kind``, or all); return how many were removed."""
    folder = cache_dir()
    removed = 0
    if folder is None:
        return 0
    try:
        for entry in os.scandir(folder):
            if entry.name.endswith(".pickle") and (kind is None or entry.name.startswith(f"{kind}-")):
                os.unlink(entry.path)
                removed += 1
    except OSError:
        pass
    return removed
