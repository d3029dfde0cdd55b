"""The pages' server side: the questionnaire's defaults and validation (one source with `profile init`),
uploads of profiles, the check page's refusals, and `acqspec serve` without the web extra."""

from __future__ import annotations

import re

from click.testing import CliRunner

from web_support import SAMPLE_PROFILE

HX = {"hx-request": "true"}


def _checked(html: str, name: str) -> str | None:
    match = re.search(rf'name="{name}" value="([^"]+)" checked', html)
    return match.group(1) if match else None


def test_defaults_follow_earlier_answers(client):
    first = client.get("/generate").text
    assert _checked(first, "hosting") == "government_cloud"
    # A SaaS buy runs in the vendor's environment: the untouched hosting question follows...
    form = {"acquisition_type": "saas", "hosting": "government_cloud", "default__hosting": "government_cloud"}
    swapped = client.post("/generate/form", data=form, headers=HX).text
    assert 'id="qb-hosting" hx-swap-oob="true"' in swapped and _checked(swapped, "hosting") == "vendor_saas"
    # ...unless the user chose it.
    chosen = client.post("/generate/form", data={**form, "hosting": "hybrid"}, headers=HX).text
    assert "qb-hosting" not in chosen or _checked(chosen, "hosting") == "hybrid"


def test_questions_that_cannot_apply_are_not_asked(client):
    # The page showed face recognition open (biometrics was yes); answering no to biometrics closes it.
    html = client.post("/generate/form", data={"biometrics": "no", "default__biometrics": "",
                                                 "forced__face_recognition": ""}, headers=HX).text
    block = html[html.index('id="qb-face_recognition"'):]
    assert "Not asked: face_recognition is a biometric use" in block[:2000]
    assert 'value="no" checked disabled' in block[:3000]


def test_refused_answers_are_shown_with_the_reason(client):
    data = {"title": "X", "component": "CBP", "description": "Y", "issue_date": "2026-03-02",
            "start": "2026-01-01"}
    response = client.post("/generate/preview", data=data, headers=HX)
    assert response.status_code == 422
    assert response.headers["hx-retarget"] == "#questions"
    assert "cannot start (2026-01-01) before the solicitation is issued (2026-03-02)" in response.text


def test_a_valid_questionnaire_previews_and_downloads(client):
    data = {"title": "Case assistant", "component": "USCIS", "description": "Drafts summaries.",
            "generative_ai": "yes", "llm": "yes"}
    preview = client.post("/generate/preview", data=data, headers=HX)
    assert preview.status_code == 200 and "clauses selected" in preview.text
    yaml_text = re.search(r'<textarea id="profile_yaml"[^>]*>(.*?)</textarea>', preview.text, re.S).group(1)
    import html

    download = client.post("/generate/download", data={"profile_yaml": html.unescape(yaml_text),
                                                       "target": "qasp.md"})
    assert download.status_code == 200 and "attachment" in download.headers["content-disposition"]
    profile = client.post("/generate/download", data={"profile_yaml": html.unescape(yaml_text),
                                                      "target": "profile.yaml"})
    assert profile.text.startswith("# Acquisition profile") and "llm: true" in profile.text


def test_an_uploaded_profile_is_previewed_and_a_bad_one_named(client):
    good = client.post("/generate/profile", files={"profile_file": ("case.yaml", SAMPLE_PROFILE.read_bytes())},
                       headers=HX)
    assert good.status_code == 200 and "clauses selected" in good.text
    bad = client.post("/generate/profile", files={"profile_file": ("case.yaml", b"title: [unclosed\n")},
                      headers=HX)
    assert bad.status_code == 422 and "case.yaml:" in bad.text and "alert-error" in bad.text


def test_check_page_refuses_an_unknown_type_on_the_page(client):
    response = client.post("/check", files={"document": ("notes.doc", b"\xd0\xcf")}, headers=HX)
    assert response.status_code == 422 and "notes.doc" in response.text and "alert-error" in response.text


def test_serve_without_the_web_extra_says_what_to_install(monkeypatch):
    import acqspec.web
    from acqspec.cli import cli

    monkeypatch.setattr(acqspec.web, "missing_requirements", lambda: ["fastapi"])
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "pip install 'acqspec[web]'" in result.output
