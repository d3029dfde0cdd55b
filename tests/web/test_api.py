"""The JSON API under /api/, every endpoint and every error path, and the "nothing kept on disk" promise."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from docx import Document

from web_support import SAMPLE_PROFILE, SAMPLE_SOW, make_app

GOOD_PROFILE = SAMPLE_PROFILE.read_bytes()


def test_generate_every_document_and_format(client, uploads_dir):
    for document in ("sow", "section-l", "section-m", "qasp"):
        for fmt in ("docx", "md", "json"):
            response = client.post(f"/api/generate?document={document}&format={fmt}",
                                   files={"profile": ("case.yaml", GOOD_PROFILE)})
            assert response.status_code == 200, response.text
            assert f'filename="case-{document}.{fmt}"' in response.headers["content-disposition"]
            if fmt == "docx":
                assert Document(io.BytesIO(response.content)).paragraphs
            elif fmt == "json":
                assert json.loads(response.content)
            else:
                assert response.text.strip()
    assert list(uploads_dir.iterdir()) == []


def test_generate_default_is_the_sow_docx_and_same_bytes_twice(client):
    first = client.post("/api/generate", files={"profile": ("case.yaml", GOOD_PROFILE)})
    second = client.post("/api/generate", files={"profile": ("case.yaml", GOOD_PROFILE)})
    assert first.status_code == 200
    assert first.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert first.content == second.content
    text = "\n".join(p.text for p in Document(io.BytesIO(first.content)).paragraphs)
    assert "SECTION C" in text


def test_generate_from_a_json_body_equals_the_yaml_upload(client):
    import yaml

    data = yaml.safe_load(GOOD_PROFILE)
    as_json = client.post("/api/generate?format=md", content=json.dumps(data, default=str),
                          headers={"content-type": "application/json"})
    as_yaml = client.post("/api/generate?format=md", files={"profile": ("case.yaml", GOOD_PROFILE)})
    assert as_json.status_code == 200, as_json.text
    assert as_json.text == as_yaml.text


def test_bad_profile_is_422_with_file_and_line(client):
    bad = GOOD_PROFILE.replace(b"acquisition_type:", b"aquisition_type:", 1)
    response = client.post("/api/generate", files={"profile": ("my-buy.yaml", bad)})
    assert response.status_code == 422
    line = next(i for i, text in enumerate(bad.decode().splitlines(), 1) if text.startswith("aquisition_type"))
    assert response.json()["error"].startswith(f"my-buy.yaml:{line}: aquisition_type")
    assert "acqspec-web-" not in response.text


@pytest.mark.parametrize("query", ["document=sow2", "format=pdf"])
def test_unknown_document_or_format_is_400(client, query):
    response = client.post(f"/api/generate?{query}", files={"profile": ("case.yaml", GOOD_PROFILE)})
    assert response.status_code == 400
    assert "choose from" in response.json()["error"]


def test_generate_without_a_profile_is_400(client):
    assert client.post("/api/generate", files={"other": ("x.yaml", b"a: 1")}).status_code == 400
    assert client.post("/api/generate", content=b"[1, 2]",
                       headers={"content-type": "application/json"}).status_code == 422
    assert client.post("/api/generate", content=b"{not json",
                       headers={"content-type": "application/json"}).status_code == 400


def test_check_findings_json_names_the_upload(client, uploads_dir):
    response = client.post("/api/check", files={"document": ("draft.docx", SAMPLE_SOW.read_bytes())})
    assert response.status_code == 200
    report = response.json()
    assert report["paths"] == ["draft.docx"]
    assert report["findings"] and all(f["path"] == "draft.docx" for f in report["findings"])
    assert "acqspec-web-" not in response.text
    assert list(uploads_dir.iterdir()) == []


def test_check_with_a_profile_baseline_reports_coverage(client):
    files = {"document": ("draft.docx", SAMPLE_SOW.read_bytes()), "profile": ("case.yaml", GOOD_PROFILE)}
    report = client.post("/api/check", files=files).json()
    assert report["coverage"]
    assert any(f["code"].startswith("AQ1") for f in report["findings"])


def test_check_against_a_sow(client):
    sow = b"5.1 Testing\n\nThe Contractor shall deliver a test plan within 30 days after award.\n"
    files = {"document": ("proposal.md", b"# Proposal\n\nWe will deliver a test plan.\n"), "sow": ("sow.txt", sow)}
    response = client.post("/api/check", files=files)
    assert response.status_code == 200, response.text
    assert "sow.txt" in (response.json().get("baseline") or "")


def test_check_sarif_and_reviewed_docx(client):
    sarif = client.post("/api/check?format=sarif", files={"document": ("draft.docx", SAMPLE_SOW.read_bytes())})
    assert sarif.status_code == 200
    assert sarif.json()["runs"][0]["results"]
    reviewed = client.post("/api/check?format=docx", files={"document": ("draft.docx", SAMPLE_SOW.read_bytes())})
    assert reviewed.status_code == 200
    assert 'filename="draft.reviewed.docx"' in reviewed.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(reviewed.content)) as package:
        assert "word/comments.xml" in package.namelist()


def test_reviewed_docx_needs_a_docx(client):
    response = client.post("/api/check?format=docx", files={"document": ("draft.md", b"# A\n\nText.\n")})
    assert response.status_code == 422


@pytest.mark.parametrize("name, data", [
    ("broken.docx", b"PK\x03\x04 this is not a zip"),
    ("empty.pdf", b"%PDF-1.4\n%%EOF\n"),
    ("notes.doc", b"\xd0\xcf\x11\xe0"),
    ("draft.md", b""),
])
def test_unreadable_documents_are_422_with_the_reason(client, uploads_dir, name, data):
    response = client.post("/api/check", files={"document": (name, data)})
    assert response.status_code == 422, response.text
    message = response.json()["error"]
    assert message.startswith(name)
    assert "Traceback" not in message and "acqspec-web-" not in message
    assert list(uploads_dir.iterdir()) == []


def test_zip_bomb_is_refused(client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<" + "a" * (300 * 1024 * 1024) + "/>")
    response = client.post("/api/check", files={"document": ("bomb.docx", buffer.getvalue())})
    assert response.status_code == 422
    assert response.json()["error"].startswith("bomb.docx")


def test_bad_waiver_file_is_422_with_its_line(client):
    files = {"document": ("draft.md", b"# A\n\nThe Contractor shall deliver a plan.\n"),
             "waivers": ("waivers.yaml", b"waivers:\n  - code: AQ402\n    colour: red\n")}
    response = client.post("/api/check", files=files)
    assert response.status_code == 422
    assert response.json()["error"].startswith("waivers.yaml:")


def test_profile_and_sow_together_are_refused(client):
    files = {"document": ("a.md", b"# A\n"), "profile": ("p.yaml", GOOD_PROFILE), "sow": ("s.md", b"# S\n")}
    assert client.post("/api/check", files=files).status_code == 422


def test_check_without_a_document_is_400(client):
    assert client.post("/api/check", files={"profile": ("p.yaml", GOOD_PROFILE)}).status_code == 400


def test_rules_and_one_rule(client):
    rules = client.get("/api/rules").json()
    codes = {r["code"] for r in rules}
    assert "AQ301" in codes
    one = client.get("/api/rules/AQ301").json()
    assert one["code"] == "AQ301" and "Fix:" in one["documentation"]
    assert client.get("/api/rules/AQ999").status_code == 404


def test_clauses_list_filters_and_one_clause(client):
    every = client.get("/api/clauses").json()
    assert len(every) > 50 and all("path" not in row for row in every)
    topic = client.get("/api/clauses?topic=incident-reporting").json()
    assert topic and {row["topic"] for row in topic} == {"incident-reporting"}
    text = client.get("/api/clauses?q=red-team").json()
    assert 0 < len(text) < len(every)
    by_authority = client.get("/api/clauses?authority=OMB-M-25-22").json()
    assert by_authority and all(any(a["id"] == "OMB-M-25-22" for a in r["authorities"]) for r in by_authority)
    assert client.get("/api/clauses?topic=nonsense").status_code == 400
    clause = client.get("/api/clauses/IR-01").json()
    assert clause["id"] == "IR-01" and clause["obligation_details"] and clause["citations"]
    assert clause["history"][-1]["current"] is True
    assert client.get("/api/clauses/NOPE-99").status_code == 404


def test_authorities(client):
    authorities = client.get("/api/authorities").json()
    assert any(a["id"] == "OMB-M-24-18" and a["superseded_by"] == "OMB-M-25-22" for a in authorities)


def test_openapi_lists_every_endpoint(client):
    spec = client.get("/api/openapi.json").json()
    assert {"/api/generate", "/api/check", "/api/rules", "/api/clauses", "/api/clauses/{clause_id}"} <= set(spec["paths"])
    assert "multipart/form-data" in spec["paths"]["/api/check"]["post"]["requestBody"]["content"]


def test_security_headers_on_pages_and_api(client):
    for path in ("/generate", "/api/rules", "/static/app.css", "/nothing-here"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_oversize_upload_is_413_by_content_length(tmp_path):
    from fastapi.testclient import TestClient

    client = TestClient(make_app(tmp_path, max_upload_mb=0.05))
    response = client.post("/api/check", files={"document": ("big.txt", b"x" * 60_000)})
    assert response.status_code == 413
    assert "limit" in response.json()["error"]
    assert list(tmp_path.iterdir()) == []


def test_oversize_chunked_upload_is_413_while_streaming(tmp_path):
    from fastapi.testclient import TestClient

    client = TestClient(make_app(tmp_path, max_upload_mb=0.05))
    sent = []

    def chunks():
        for _ in range(100):  # 100 x 4 KB without a Content-Length
            sent.append(1)
            yield b"x" * 4096
    response = client.post("/api/check", content=chunks(),
                           headers={"content-type": "multipart/form-data; boundary=abc"})
    assert response.status_code == 413
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert list(tmp_path.iterdir()) == []


def test_auth_token_guards_the_api_only(tmp_path):
    from fastapi.testclient import TestClient

    client = TestClient(make_app(tmp_path, auth_token="s3cret"))
    assert client.get("/api/rules").status_code == 401
    assert client.get("/api/rules", headers={"authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/api/rules", headers={"authorization": "Bearer s3cret"}).status_code == 200
    assert client.get("/api/openapi.json").status_code == 200
    assert client.get("/library").status_code == 200


def test_busy_server_answers_503_with_retry_after(tmp_path):
    import asyncio

    from acqspec.web.guard import Guard

    async def slow(scope, receive, send):
        await asyncio.sleep(0.3)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"done"})

    guard = Guard(slow, max_upload_bytes=1000, capacity=1, auth_token=None)
    statuses: list[tuple[int, dict]] = []

    async def call():
        messages = []

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            messages.append(message)
        await guard({"type": "http", "method": "POST", "path": "/api/check", "headers": []}, receive, send)
        start = messages[0]
        statuses.append((start["status"], dict(start["headers"])))

    async def both():
        await asyncio.gather(call(), call())
    asyncio.run(both())
    assert sorted(s for s, _ in statuses) == [200, 503]
    busy = next(h for s, h in statuses if s == 503)
    assert busy[b"retry-after"] == b"5"
