"""The pages in a real browser: Debian's Chromium driven by Playwright, and axe-core for accessibility.

Skips, with the reason, when Playwright, axe-playwright-python or /usr/bin/chromium is absent
(.ci/run installs Chromium with apt; `playwright install` is never needed).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from web_support import SAMPLE_SOW, make_app

CHROMIUM = Path("/usr/bin/chromium")
pytest.importorskip("playwright.sync_api", reason="playwright is not installed (the test extra has it)")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                 reason="axe-playwright-python is not installed (the test extra has it)")
if not CHROMIUM.exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    from acqspec.web.local import running

    with running(make_app(tmp_path_factory.mktemp("browser-uploads"))) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM))
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1000, "height": 900})
    new_page = context.new_page()
    errors: list[str] = []
    new_page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    new_page.errors = errors
    yield new_page
    context.close()


def test_questionnaire_to_a_docx_python_docx_opens(page, base_url):
    from docx import Document

    page.goto(f"{base_url}/generate")
    page.fill("#q-title", "Case summary assistant")
    page.fill("#q-component", "USCIS")
    page.fill("#q-description", "Drafts case summaries for adjudicators.")
    page.check("#q-acquisition_type-saas")
    # The hosting default follows the acquisition type, as in `profile init`.
    page.wait_for_function("document.querySelector('#q-hosting-vendor_saas').checked")
    page.check("#q-biometrics-no")
    page.wait_for_function("document.querySelector('#q-face_recognition-no').disabled")
    page.click("text=Preview the clause selection")
    page.wait_for_selector("#preview-heading")
    assert "clauses selected" in page.inner_text("#preview-heading")
    assert page.locator("#preview table").nth(1).locator("tbody tr").count() > 10
    with page.expect_download() as download_info:
        page.click("button[value='sow.docx']")
    data = Path(download_info.value.path()).read_bytes()
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "Case summary assistant" in text or "SECTION C" in text
    assert not [e for e in page.errors if "Content Security Policy" in e]


def test_questionnaire_shows_problems_in_place(page, base_url):
    page.goto(f"{base_url}/generate")
    page.fill("#q-title", "Something")
    page.fill("#q-issue_date", "13/45/2026")
    page.click("text=Preview the clause selection")
    page.wait_for_selector("#problems")
    problems = page.inner_text("#problems")
    assert "Component or office" in problems and "Solicitation issue date" in problems
    assert page.get_attribute("#q-issue_date", "aria-invalid") == "true"


def test_check_the_sample_draft_sow(page, base_url):
    page.goto(f"{base_url}/check")
    page.set_input_files("#document", str(SAMPLE_SOW))
    page.click("text=Check the document")
    page.wait_for_selector("#results-heading", timeout=60_000)
    assert "finding" in page.inner_text("#results-heading")
    findings = page.locator(".finding")
    assert findings.count() > 0
    assert page.locator(".evidence").count() > 0
    # Severity filters hide findings without a round trip.
    warnings = page.locator(".finding.severity-warning")
    if warnings.count():
        page.uncheck("#show-warning")
        assert not warnings.first.is_visible()
        page.check("#show-warning")
        assert warnings.first.is_visible()
    # The rule's explanation on demand.
    page.locator(".rule-doc summary").first.click()
    assert "Fix:" in page.locator(".rule-doc .rule-text").first.inner_text()


def test_an_unreadable_upload_is_a_message_on_the_page(page, base_url, tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a Word file")
    page.goto(f"{base_url}/check")
    page.set_input_files("#document", str(broken))
    page.click("text=Check the document")
    page.wait_for_selector("#results .alert-error")
    assert "broken.docx" in page.inner_text("#results .alert-error")


def test_keyboard_only(page, base_url):
    page.goto(f"{base_url}/library")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the skip link moved the focus into main, past the site navigation
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")
    for _ in range(5):
        if page.evaluate("document.activeElement.id") == "q":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("incident")
    page.keyboard.press("Enter")
    page.wait_for_url("**/library?q=incident*")
    # Tab through to the first clause link and follow it with the keyboard.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href') || ''").startswith("/library/clauses/"):
            break
    else:
        pytest.fail("no clause link reached with Tab")
    # The focus is visible: an outline is drawn around the focused element.
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    page.wait_for_url("**/library/clauses/*")
    assert page.inner_text("h1")


@pytest.mark.parametrize("path", ["/generate", "/check", "/library", "/library/clauses/IR-01",
                                  "/library/authorities"])
def test_axe_finds_no_serious_or_critical_violation(page, base_url, path):
    page.goto(f"{base_url}{path}")
    results = axe_module.Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in bad]


def test_axe_on_the_results_and_the_preview(page, base_url):
    page.goto(f"{base_url}/check")
    page.set_input_files("#document", str(SAMPLE_SOW))
    page.click("text=Check the document")
    page.wait_for_selector("#results-heading", timeout=60_000)
    results = axe_module.Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in bad]
