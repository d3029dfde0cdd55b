"""The documents inside a ``.zip`` archive, read under the same bomb limits as a Word package.

An office often hands over a portfolio as one archive.  :func:`zip_documents`
opens it with the checks of :func:`acqspec.io.readers.docx.check_zip_limits`
(member count, declared sizes, per-member and overall expansion ratios,
encryption, compression methods) before decompressing anything, then reads
every member a reader supports, never more bytes than the member declares.
Nested archives and hidden members are passed over.  Any problem is one
:class:`~acqspec.errors.ReadError` naming the archive.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePosixPath

from acqspec.errors import ReadError
from acqspec.io.readers import SUPPORTED_SUFFIXES
from acqspec.io.readers._common import MAX_FILE_BYTES, one_line, read_bytes
from acqspec.io.readers.docx import MAX_UNCOMPRESSED_TOTAL, check_zip_limits, read_zip_member

MEMBER_SEPARATOR = "::"
"""Between an archive's path and a member's name in the path of a document read from an archive."""


def zip_documents(path: Path) -> list[tuple[str, bytes]]:
    """``(member name, bytes)`` of every supported document in the archive, sorted by name.

    Raises:
        ReadError: the archive is missing, not a zip, damaged, encrypted, or a likely zip bomb.
    """
    data = read_bytes(path)
    if data[:4] not in (b"PK\x03\x04", b"PK\x05\x06"):
        raise ReadError("is not a .zip archive", path=path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise ReadError(f"is a damaged .zip archive ({one_line(exc)})", path=path) from exc
    with archive:
        check_zip_limits(archive, path)
        budget = MAX_UNCOMPRESSED_TOTAL
        members = []
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            name = PurePosixPath(info.filename)
            if info.is_dir() or any(part.startswith(".") for part in name.parts) or \
                    name.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            if info.file_size > MAX_FILE_BYTES:
                raise ReadError(f"zip member {one_line(info.filename, 100)} is {info.file_size:,} bytes; "
                                f"the limit is {MAX_FILE_BYTES:,} bytes", path=path)
            content = read_zip_member(archive, info, budget, path, kind=".zip archive")
            budget -= len(content)
            members.append((info.filename, content))
        return members

