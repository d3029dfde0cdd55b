"""One generated document as bytes or text: the SOW section, Section L, Section M or the QASP, in .docx, .md or .json.

``acqspec generate`` and the web workspace (``acqspec serve``) both call
:func:`render_document`, so a document is produced one way whichever asked for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

DOCUMENTS = ("sow", "section-l", "section-m", "qasp")
"""The documents one profile gives, as ``--document`` names them."""

FORMATS = {"docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
           "md": ("text/markdown; charset=utf-8", ".md"),
           "json": ("application/json", ".json")}
"""Each output format → its media type and file extension."""


@dataclass(frozen=True)
class Rendered:
    """A generated document and what to tell the user about it."""

    payload: bytes | str
    warnings: tuple[str, ...]
    """Notes for the library's maintainer (unverified citations...): shown beside the output, never in it."""
    summary: str
    """One line: what the document holds (requirement, instruction or standard counts)."""


def render_document(profile_path: str | Path, libraries: Sequence[str | Path], *, document: str = "sow",
                    fmt: str = "docx", template: str | Path | None = None, options=None,
                    catalog=None) -> Rendered:
    """Profile file → the ``document`` (one of :data:`DOCUMENTS`) in ``fmt`` (one of :data:`FORMATS`).

    Args:
        profile_path: the acquisition profile; a bad one raises ProfileError naming its file and line.
        libraries: the library folders, baseline first (ignored when ``catalog`` is given).
        template: a Word document whose styles a .docx uses.
        options: :class:`~acqspec.generate.solicitation.SolicitationOptions` for Sections L/M and the QASP.
        catalog: an already loaded library (a server loads it once).
    """
    from acqspec.generate.assemble import assemble
    from acqspec.generate.profile import load_profile
    from acqspec.generate.select import select_clauses
    from acqspec.library.loader import load_catalog

    if document not in DOCUMENTS:
        raise ValueError(f"unknown document {document!r}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    loaded = load_profile(profile_path)
    catalog = catalog if catalog is not None else load_catalog(libraries)
    selection = select_clauses(loaded, catalog)
    spec = assemble(loaded.profile, selection)
    if document == "sow":
        return Rendered(_sow_payload(spec, fmt, template), tuple(spec.warnings), _sow_summary(spec))
    from acqspec.generate.solicitation import build_set

    solicitation = build_set(spec, selection, loaded.profile.facts().get("commercial", False), options)
    if fmt == "docx":
        from acqspec.generate.solicitation_docx import solicitation_docx

        payload: bytes | str = solicitation_docx(solicitation, document, template=template)
    elif fmt == "md":
        from acqspec.generate.solicitation_formats import solicitation_markdown

        payload = solicitation_markdown(solicitation, document)
    else:
        from acqspec.generate.solicitation_formats import solicitation_json

        payload = solicitation_json(solicitation, document)
    counts = {"section-l": f"{len(solicitation.instructions)} instructions in {len(solicitation.volumes)} volumes",
              "section-m": f"{len(solicitation.factors)} factors, "
                           f"{sum(len(f.subfactors) for f in solicitation.factors)} subfactors",
              "qasp": f"{len(solicitation.standards)} performance standards"}[document]
    summary = (f"{counts}, traced to {len(solicitation.spec.requirements())} requirements of Section "
               f"{solicitation.spec.section}")
    return Rendered(payload, tuple(solicitation.spec.warnings), summary)


def _sow_payload(spec, fmt: str, template) -> bytes | str:
    if fmt == "docx":
        from acqspec.generate.docx import spec_docx

        return spec_docx(spec, template=template)
    if fmt == "md":
        from acqspec.generate.formats import spec_markdown

        return spec_markdown(spec)
    from acqspec.generate.formats import spec_json

    return spec_json(spec)


def _sow_summary(spec) -> str:
    requirements = spec.requirements()
    fill_ins = sum(r.fill_ins for r in requirements)
    return (f"{len(requirements)} requirements in {len(spec.sections)} sections, {len(spec.deliverables)} "
            f"deliverables, {fill_ins} fill-in(s) left for the offeror")
