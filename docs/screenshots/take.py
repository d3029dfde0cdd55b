"""Screenshots of the web workspace's three pages for the README: ``python docs/screenshots/take.py [--out DIR]``.

Starts ``acqspec serve``'s app on a free 127.0.0.1 port, drives Debian's
Chromium (/usr/bin/chromium) with Playwright: fills in the questionnaire and
previews the selection, checks the sample draft SOW, searches the library;
writes generate.png, check.png and library.png (the 900 × 1,100 px window; --full: whole pages).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent)
    parser.add_argument("--full", action="store_true", help="whole pages, not the window")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from acqspec.web.app import ServeSettings, create_app
    from acqspec.web.local import running

    app = create_app(ServeSettings(today=dt.date(2026, 3, 2)))
    with running(app) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page(viewport={"width": 900, "height": 1100})
        page.goto(f"{url}/generate")
        page.fill("#q-title", "Case summary assistant")
        page.fill("#q-component", "USCIS")
        page.fill("#q-description", "Drafts case summaries for adjudicators from the case file.")
        page.check("#q-acquisition_type-saas")
        page.wait_for_function("document.querySelector('#q-hosting-vendor_saas').checked")
        page.check("#q-generative_ai-yes")
        page.click("text=Preview the clause selection")
        page.wait_for_selector("#preview-heading")
        page.evaluate("document.getElementById('preview').scrollIntoView()")
        page.screenshot(path=str(args.out / "generate.png"), full_page=args.full)
        page.goto(f"{url}/check")
        page.set_input_files("#document", str(ROOT / "samples/sows/uscis-genai-draft-sow.docx"))
        page.set_input_files("#profile", str(ROOT / "samples/profiles/uscis-genai-case-assistant.yaml"))
        page.click("text=Check the document")
        page.wait_for_selector("#results-heading", timeout=60_000)
        page.screenshot(path=str(args.out / "check.png"), full_page=args.full)
        page.goto(f"{url}/library?q=incident")
        page.screenshot(path=str(args.out / "library.png"), full_page=args.full)
        browser.close()
    for name in ("generate", "check", "library"):
        print(args.out / f"{name}.png")


if __name__ == "__main__":
    main()
