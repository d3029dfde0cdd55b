"""What the web workspace does with uploads: each request's files live in a temporary folder of its own.

The functions here are synchronous and run on the server's worker threads
(:class:`acqspec.web.guard.Jobs`).  Each writes the request's uploads into a
fresh folder under the server's temporary directory, does the work with the
same library functions the CLI calls (:func:`acqspec.generate.render.render_document`,
:func:`acqspec.pipeline.check_paths`, the reporters), and removes the folder
before it returns: nothing a user sent stays on disk.  Messages and reports
name a file by the name it was uploaded with, never the temporary folder.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from acqspec.errors import AcqspecError, ReadError

CHECKABLE = (".docx", ".pdf", ".md", ".txt")
"""The document types the Check page accepts (the readers' types)."""

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._ ()-]+")


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the name it was sent with (for messages) and its bytes."""

    filename: str
    data: bytes

    @property
    def safe_name(self) -> str:
        """The file name without folders or unusual characters, its extension kept (at most 120 characters)."""
        name = Path(self.filename.replace("\\", "/")).name.strip() or "upload"
        name = _SAFE_NAME.sub("_", name).lstrip(".") or "upload"
        stem, suffix = (name[: -len(Path(name).suffix)], Path(name).suffix) if Path(name).suffix else (name, "")
        return stem[: 120 - len(suffix)] + suffix.lower()


@contextmanager
def workspace(base: str | Path | None = None) -> Iterator[Path]:
    """A new private folder under ``base`` (default: the system temporary directory), removed on exit."""
    folder = Path(tempfile.mkdtemp(prefix="acqspec-web-", dir=base))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _save(folder: Path, role: str, upload: Upload) -> Path:
    """Write ``upload`` as ``folder/role/NAME`` (one sub-folder per role, so two uploads never collide)."""
    target = folder / role / upload.safe_name
    target.parent.mkdir(mode=0o700)
    target.write_bytes(upload.data)
    return target


def public_message(error: AcqspecError, folder: Path) -> str:
    """``str(error)`` with the temporary folder taken out of every path it names."""
    return _public(str(error), folder)


def _public(text: str, folder: Path) -> str:
    return re.sub(re.escape(str(folder)) + r"/[a-z_]+/", "", text)


class WebInputError(AcqspecError):
    """An upload or form value the server refuses (the message already names the uploaded file)."""


def _error(exc: AcqspecError, folder: Path) -> WebInputError:
    return WebInputError(public_message(exc, folder))


# --------------------------------------------------------------------------- generate


@dataclass(frozen=True)
class Preview:
    """A valid profile and what the generator makes of it."""

    profile_yaml: str
    title: str
    selected: tuple[dict, ...]
    """{id, title, topic, reasons, forced} per clause in the document."""
    rejected: tuple[dict, ...]
    """{id, title, topic, reason, by_profile} per clause left out."""
    summary: str
    warnings: tuple[str, ...] = ()


def preview_profile(profile: Upload, catalog, base: str | Path | None = None) -> Preview:
    """The clause selection for an uploaded profile, with the reason each clause is in or out.

    Raises:
        WebInputError: the profile is invalid (``NAME:LINE: field: message``).
    """
    from acqspec.generate.assemble import assemble
    from acqspec.generate.profile import load_profile
    from acqspec.generate.render import _sow_summary
    from acqspec.generate.select import select_clauses

    with workspace(base) as folder:
        path = _save(folder, "profile", profile)
        try:
            loaded = load_profile(path)
            selection = select_clauses(loaded, catalog)
        except AcqspecError as exc:
            raise _error(exc, folder) from None
        spec = assemble(loaded.profile, selection)
        return Preview(
            profile_yaml=profile.data.decode("utf-8", errors="replace"),
            title=loaded.profile.title,
            selected=tuple({"id": s.clause.id, "title": s.clause.title, "topic": s.clause.topic,
                            "reasons": list(s.reasons), "forced": s.forced} for s in selection.selected),
            rejected=tuple({"id": r.clause_id, "title": r.title, "topic": r.topic, "reason": r.reason,
                            "by_profile": r.by_profile} for r in selection.rejected),
            summary=_sow_summary(spec),
            warnings=tuple(_public(w, folder) for w in spec.warnings))


@dataclass(frozen=True)
class Download:
    """A file to send back: its bytes, media type and suggested name."""

    payload: bytes
    media_type: str
    filename: str
    summary: str = ""
    warnings: tuple[str, ...] = ()


def generate_document(profile: Upload, catalog, *, document: str = "sow", fmt: str = "docx",
                      base: str | Path | None = None) -> Download:
    """One document made from an uploaded profile (see :func:`acqspec.generate.render.render_document`)."""
    from acqspec.generate.render import FORMATS, render_document

    with workspace(base) as folder:
        path = _save(folder, "profile", profile)
        try:
            rendered = render_document(path, catalog.layers, document=document, fmt=fmt, catalog=catalog)
        except AcqspecError as exc:
            raise _error(exc, folder) from None
        media_type, suffix = FORMATS[fmt]
        payload = rendered.payload if isinstance(rendered.payload, bytes) else rendered.payload.encode("utf-8")
        stem = Path(profile.safe_name).stem or "profile"
        return Download(payload, media_type, f"{stem}-{document}{suffix}", rendered.summary,
                        tuple(_public(w, folder) for w in rendered.warnings))


# --------------------------------------------------------------------------- check


@dataclass(frozen=True)
class CheckRequest:
    """What the Check page and ``POST /api/check`` take: a document and at most one baseline, and waivers."""

    document: Upload
    profile: Upload | None = None
    sow: Upload | None = None
    waivers: Upload | None = None


@dataclass
class CheckOutcome:
    """A finished check (paths as uploaded) and the reports asked for."""

    result: object
    """The :class:`~acqspec.check.findings.CheckResult`."""
    reports: dict[str, bytes] = field(default_factory=dict)
    """Format → report bytes (``json``, ``sarif``, ``docx`` for the reviewed copy...)."""


def check_upload(request: CheckRequest, catalog, *, formats: tuple[str, ...] = ("json",),
                 base: str | Path | None = None, nlp=None) -> CheckOutcome:
    """Check an uploaded document; the reports in ``formats`` (``docx``: the reviewed copy with Word comments).

    Raises:
        WebInputError: the document cannot be read (zip bomb, encrypted, XXE...), a
            baseline or waiver file is invalid, or the combination is not allowed.
    """
    from acqspec import pipeline

    suffix = Path(request.document.safe_name).suffix
    if suffix not in CHECKABLE:
        raise WebInputError(f"{request.document.safe_name}: acqspec reads {', '.join(CHECKABLE)} documents, "
                            f"not {suffix or 'files without an extension'}")
    if request.profile is not None and request.sow is not None:
        raise WebInputError("give a profile or a SOW as the baseline, not both")
    if "docx" in formats and suffix != ".docx":
        raise WebInputError(f"{request.document.safe_name}: a reviewed copy with Word comments needs a .docx")
    with workspace(base) as folder:
        document = _save(folder, "document", request.document)
        try:
            if request.profile is not None:
                baseline = pipeline.baseline_from_profile(_save(folder, "profile", request.profile), catalog)
            elif request.sow is not None:
                baseline = pipeline.baseline_from_sow(_save(folder, "sow", request.sow), nlp=nlp)
            else:
                baseline = None
            waivers = _save(folder, "waivers", request.waivers) if request.waivers is not None else None
            result = pipeline.check_paths([document], catalog, baseline=baseline, waivers=waivers, nlp=nlp,
                                          files=[document])
        except AcqspecError as exc:
            raise _error(exc, folder) from None
        if result.unreadable:
            raise _error(ReadError(result.unreadable[0].reason, path=result.unreadable[0].path), folder)
        reports: dict[str, bytes] = {}
        if "docx" in formats:
            from acqspec.io.docx_package import open_docx_package
            from acqspec.report.docx_comments import annotate_docx

            try:
                reports["docx"] = annotate_docx(open_docx_package(document), result, document)
            except AcqspecError as exc:
                raise _error(exc, folder) from None
        result = rename_paths(result, folder)
        if any(f != "docx" for f in formats):
            from acqspec.report import FORMATS, ReportOptions

            for fmt in formats:
                if fmt != "docx":
                    reports[fmt] = FORMATS[fmt].render(result, ReportOptions()).encode("utf-8")
        return CheckOutcome(result, reports)


def rename_paths(result, folder: Path):
    """``result`` with every path under the temporary ``folder`` (in findings, suppressions, coverage, texts)
    replaced by the uploaded file's name."""
    import json

    data = result.model_dump(mode="json")
    text = re.sub(re.escape(json.dumps(str(folder))[1:-1]) + r"/[a-z_]+/", "", json.dumps(data))
    return type(result).model_validate(json.loads(text))
