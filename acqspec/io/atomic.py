"""Atomic output: write to a temporary file beside the target, then rename.

The file gets the permissions any other program's new file would get (``0o666``
less the umask: ``-rw-r--r--`` under the usual 022), or keeps those of the file
it replaces; ``tempfile.mkstemp`` alone would leave every output ``-rw-------``,
unreadable to colleagues and to CI artifact steps.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from acqspec.errors import OutputError


def _same_file(source: str | Path, target: Path, resolved: Path) -> bool:
    """Is ``target`` the input ``source``: the same path after symlinks and ``..``, or a hard link to it?"""
    try:
        if Path(source).resolve() == resolved:
            return True
        return target.exists() and os.path.samefile(source, target)
    except (OSError, ValueError):  # a missing input, or a path with a NUL byte
        return False


def _inside_folder(source: str | Path, resolved: Path) -> bool:
    try:
        folder = Path(source)
        return folder.is_dir() and resolved.is_relative_to(folder.resolve())
    except (OSError, ValueError, RuntimeError):
        return False


def check_target(target: str | Path, *, inputs: tuple[str | Path, ...] = ()) -> Path:
    """Return the resolved ``target``, or raise :class:`OutputError` if :func:`write_atomic` would refuse it.

    A command can call this before doing its work, so a bad ``-o`` fails at
    once instead of after reading every document.  Refused: any of ``inputs``
    (also through a symlink, a ``./`` or ``..`` spelling, or a hard link), any
    path inside an input that is a folder (a clause library: a file written
    there would be read as part of it next time), a folder, or a path whose
    folder does not exist.
    """
    target = Path(target)
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError, ValueError) as exc:  # symlink loop, NUL byte
        raise OutputError(f"cannot write output: {exc}", path=target) from exc
    for source in inputs:
        if _same_file(source, target, resolved):
            raise OutputError("output path is the same as an input file; refusing to overwrite it", path=target)
        if _inside_folder(source, resolved):
            raise OutputError(f"output path is inside the input folder {source}; write it elsewhere", path=target)
    if not resolved.parent.is_dir():
        raise OutputError("output directory does not exist", path=target)
    if resolved.is_dir():
        raise OutputError("output path is a directory", path=target)
    return resolved


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux ``/proc``)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # the portable way: set it and put it back at once
    os.umask(mask)
    return mask


def output_mode(target: Path) -> int:
    """The permission bits a new output at ``target`` gets: the replaced file's, else ``0o666`` less the umask."""
    try:
        existing = target.stat()
        if stat.S_ISREG(existing.st_mode):
            return stat.S_IMODE(existing.st_mode)
    except OSError:
        pass
    return 0o666 & ~current_umask()


def write_atomic(target: str | Path, data: bytes | str, *, inputs: tuple[str | Path, ...] = ()) -> Path:
    """Write ``data`` to ``target`` atomically and return the resolved path.

    Refuses what :func:`check_target` refuses, so a command can never clobber
    the file it read.  The temporary file lives in the target's directory so
    the final ``os.replace`` is a same-filesystem rename; whatever interrupts
    the write (a full disk, Ctrl-C) removes it again, so no partial output and
    no temporary file is left behind.  The file's permissions are
    :func:`output_mode`'s, set before the rename so the file never appears with others.
    """
    target = Path(target)
    resolved = check_target(target, inputs=inputs)
    directory = resolved.parent
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{resolved.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write output: {exc.strerror or exc}", path=target) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), output_mode(resolved))
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, resolved)
    except BaseException as exc:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write output: {exc.strerror or exc}", path=target) from exc
        raise
    return resolved
