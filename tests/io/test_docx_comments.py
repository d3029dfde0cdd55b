"""The .docx reader carries Word comments on the blocks they are anchored in (``Block.comments``)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from acqspec.io import docx_package
from acqspec.io.readers import docx as docx_reader
from acqspec.io.readers import read_document
from acqspec.io.readers.docx import comments_by_source


def _sow(path: Path, *, comments: bool = True) -> Path:
    document = docx.Document()
    document.add_paragraph("The Contractor shall deliver status reports.")
    document.add_paragraph("")  # an empty paragraph still counts in the p:<n> numbering
    vague = document.add_paragraph("The Contractor shall respond to help-desk tickets in a timely manner.")
    table = document.add_table(rows=1, cols=1)
    cell = table.rows[0].cells[0].paragraphs[0]
    cell.add_run("Monthly report")
    if comments:
        document.add_comment(vague.runs, text="acqspec: ignore AQ402 -- response times are in the SLA table",
                             author="CO", initials="CO")
        document.add_comment(vague.runs, text="Second look needed", author="COR")
        document.add_comment(vague.runs, text="Second look needed", author="PM")  # same text: kept once
        document.add_comment(cell.runs, text="Line one", author="CO").add_paragraph("line two")
    document.save(str(path))
    return path


def test_comment_texts_are_on_the_paragraph_they_are_anchored_in(tmp_path: Path) -> None:
    document = read_document(_sow(tmp_path / "sow.docx"))
    by_source = {block.source: block for block in document.blocks}
    assert set(by_source) == {"p:0", "p:2", "p:3"}
    assert by_source["p:2"].comments == ("acqspec: ignore AQ402 -- response times are in the SLA table",
                                         "Second look needed")
    assert by_source["p:3"].kind == "table_cell"
    assert by_source["p:3"].comments == ("Line one\nline two",)
    assert by_source["p:0"].comments == ()
    # Comments are not text: the paragraph reads as before.
    assert by_source["p:2"].text == "The Contractor shall respond to help-desk tickets in a timely manner."


def test_a_document_without_comments_gives_empty_tuples(tmp_path: Path) -> None:
    path = _sow(tmp_path / "plain.docx", comments=False)
    document = read_document(path)
    assert document.blocks and all(block.comments == () for block in document.blocks)
    assert comments_by_source(docx_package.open_docx_package(path)) == {}


def test_other_formats_carry_no_comments(tmp_path: Path) -> None:
    path = tmp_path / "sow.md"
    path.write_text("# Scope\n\nThe Contractor shall deliver status reports.\n")
    assert all(block.comments == () for block in read_document(path).blocks)


@pytest.mark.parametrize("comments", [True, False], ids=["with-comments", "without-comments"])
def test_the_reader_opens_and_checks_the_package_once(tmp_path: Path, monkeypatch, comments: bool) -> None:
    path = _sow(tmp_path / "sow.docx", comments=comments)
    calls = {"zip": 0, "check": 0, "load": 0}

    def counting(name: str, original):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return original(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(docx_reader, "open_safe_zip", counting("zip", docx_reader.open_safe_zip))
    monkeypatch.setattr(docx_reader, "check_package", counting("check", docx_reader.check_package))
    monkeypatch.setattr(docx_reader, "load_package", counting("load", docx_reader.load_package))
    document = read_document(path)
    assert calls == {"zip": 1, "check": 1, "load": 1}
    assert any(block.comments for block in document.blocks) is comments


def test_comments_part_is_not_parsed_without_a_relationship(tmp_path: Path) -> None:
    # A stray word/comments.xml that the main part does not relate to is not a comments part.
    import zipfile

    source = _sow(tmp_path / "src.docx", comments=True)
    target = tmp_path / "stray.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                text = data.decode()
                start = text.rfind("<Relationship ", 0, text.index("/comments\""))
                end = text.index("/>", start) + 2
                data = (text[:start] + text[end:]).encode()
            zout.writestr(info, data)
    document = read_document(target)
    assert all(block.comments == () for block in document.blocks)
    assert comments_by_source(docx_package.open_docx_package(target)) == {}


def test_a_broken_comments_part_costs_the_comments_only(tmp_path: Path) -> None:
    import zipfile

    source = _sow(tmp_path / "src.docx", comments=True)
    target = tmp_path / "badid.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/comments.xml":
                data = data.replace(b'w:id="0"', b'w:id="x"', 1)
            zout.writestr(info, data)
    document = read_document(target)
    assert [b.source for b in document.blocks] == ["p:0", "p:2", "p:3"]
    assert all(block.comments == () for block in document.blocks)
    assert len(document.warnings) == 1 and "cannot read its Word comments (ValueError" in document.warnings[0]
