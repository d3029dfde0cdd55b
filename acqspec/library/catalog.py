"""The whole clause library as a document for reviewers (``acqspec library catalog``).

Both renderers take clause views (:func:`acqspec.library.views.clause_view`)
in catalog order and start a new section at each topic, titled with the
topic's heading from the vocabulary.  The Word one builds on the generic
helpers of :mod:`acqspec.io.docx_out`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from acqspec import vocab
from acqspec.io.docx_out import docx_bytes, new_document, set_properties
from acqspec.library.views import clause_markdown


def catalog_markdown(views: Sequence[dict[str, Any]], title: str) -> str:
    """Render clause views as one Markdown document."""
    parts, topic = [f"# {title}", "", f"{len(views)} clauses.", ""], None
    for view in views:
        if view["topic"] != topic:
            topic = view["topic"]
            parts += [f"## {vocab.TOPICS[topic].heading}", ""]
        parts.append(clause_markdown(view, heading="###"))
    return "\n".join(parts)


def catalog_docx(views: Sequence[dict[str, Any]], title: str) -> bytes:
    """Render clause views as .docx bytes (the same bytes for the same views)."""
    document = new_document()
    set_properties(document, title=title, subject="Clause library catalog")
    document.add_heading(title, level=0)
    document.add_paragraph(f"{len(views)} clauses. Each entry shows the requirement text with parameter "
                           "defaults filled in, the obligations the checker looks for, and the authorities cited.")
    current_topic = None
    for view in views:
        if view["topic"] != current_topic:
            current_topic = view["topic"]
            document.add_heading(vocab.TOPICS[current_topic].heading, level=1)
        document.add_heading(f"{view['id']} {view['title']}", level=2)
        meta = document.add_paragraph()
        meta.add_run(f"Version {view['version']}, {view['status']}. ").bold = True
        meta.add_run(f"Applies: {view['applicability']} Verification: {', '.join(view['verification'])}.")
        document.add_paragraph(view["purpose"]).runs[0].italic = True
        document.add_paragraph(view["text"])
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, label in zip(table.rows[0].cells, ("Obligation", "Party", "Modality", "Statement")):
            cell.text = label
        for o in view["obligation_details"]:
            row = table.add_row().cells
            row[0].text, row[1].text, row[2].text = o["id"], o["party"], o["modality"]
            row[3].text = o["statement"] + (f" [{o['limit']}]" if o["limit"] else "")
        if view["deliverables"]:
            document.add_paragraph("Deliverables:")
            for d in view["deliverables"]:
                document.add_paragraph(f"{d['name']}: {d['frequency']}; {d['format']}", style="List Bullet")
        document.add_paragraph("Authorities:")
        for c in view["citations"]:
            status = "" if c.get("status") in (None, "in_force") else f" ({c['status']})"
            unverified = f" (unverified: {c['unverified']})" if c.get("unverified") else ""
            document.add_paragraph(c.get("cite", c["authority"]) + status + unverified, style="List Bullet")
        if view["notes"]:
            document.add_paragraph(f"Notes: {view['notes']}")
    return docx_bytes(document)
