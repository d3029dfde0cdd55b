"""What the web tests share: the sample files and an app on a private temporary folder.

A plain module (not conftest.py) so test modules can import it: pytest puts this folder on sys.path.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_SOW = ROOT / "samples/sows/uscis-genai-draft-sow.docx"
SAMPLE_PROFILE = ROOT / "samples/profiles/uscis-genai-case-assistant.yaml"
TODAY = dt.date(2026, 3, 2)


def make_app(tmp: Path, **settings):
    from acqspec.web.app import ServeSettings, create_app

    return create_app(ServeSettings(temp_dir=tmp, today=TODAY, preload=False, **settings))
