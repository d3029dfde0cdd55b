"""Documentation generated from the code: the README's rule, output-format and questionnaire tables,
and its example run of the checker on a bundled sample.

The README holds each table between ``<!-- generated: NAME -->`` and
``<!-- end: NAME -->`` lines; ``python tests/golden/regenerate.py`` rewrites
them, and a test fails when the README differs from what the code says.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from acqspec.check.findings import RuleInfo


def rule_table(rules: Iterable[RuleInfo]) -> str:
    """One Markdown row per rule: code, name, default severity, summary."""
    rows = ["| code | name | severity | what it flags |", "| --- | --- | --- | --- |"]
    rows += [f"| {r.code} | {r.name} | {r.severity} | {_cell(r.summary)} |" for r in rules]
    return "\n".join(rows) + "\n"


def format_table(formats: Mapping[str, object]) -> str:
    """One Markdown row per ``--format`` of ``acqspec check``."""
    rows = ["| `--format` | output |", "| --- | --- |"]
    rows += [f"| `{name}` | {_cell(getattr(reporter, 'summary'))} |" for name, reporter in formats.items()]
    rows.append("| `docx` | a copy of each checked .docx with a Word comment on each finding (needs `-o`) |")
    return "\n".join(rows) + "\n"


def generated_sections() -> dict[str, Callable[[], str]]:
    """Section name → its content, as the code defines it now."""
    from acqspec.check.registry import rule_infos
    from acqspec.generate.profile import questions_table
    from acqspec.report import FORMATS

    return {"rules": lambda: rule_table(rule_infos()), "formats": lambda: format_table(FORMATS),
            "questions": questions_table, "example-run": example_run}


EXAMPLE_SOW = "samples/sows/uscis-genai-draft-sow.docx"
EXAMPLE_PROFILE = "samples/profiles/uscis-genai-case-assistant.yaml"


def example_run() -> str:
    """The README's example: ``acqspec check`` of the sample draft SOW against its profile, as a
    terminal shows it (run from the repository root, bundled library, default settings)."""
    from acqspec.library.loader import load_catalog
    from acqspec.pipeline import baseline_from_profile, check_paths
    from acqspec.report import FORMATS, ReportOptions
    from acqspec.resources import default_library_dir

    catalog = load_catalog([default_library_dir()])
    result = check_paths([EXAMPLE_SOW], catalog, baseline=baseline_from_profile(EXAMPLE_PROFILE, catalog))
    report = FORMATS["text"].render(result, ReportOptions())
    status = 1 if result.fails("error") else 0
    return (f"```text\n$ acqspec check {EXAMPLE_SOW} --profile {EXAMPLE_PROFILE}\n{report}"
            f"$ echo $?\n{status}\n```\n")


def update_generated(text: str) -> str:
    """``text`` (the README) with every generated section rewritten."""
    for name, content in generated_sections().items():
        pattern = re.compile(rf"(<!-- generated: {name} -->\n).*?(<!-- end: {name} -->)", re.DOTALL)
        if not pattern.search(text):
            raise ValueError(f"README has no '<!-- generated: {name} -->' section")
        text = pattern.sub(lambda m: m.group(1) + content() + m.group(2), text)
    return text


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
