"""The clause text template language: ``{{ name }}`` and nothing else.

A clause file comes from another office, so its text must not be able to run
code or read files.  The only construct is a placeholder naming a declared
parameter or a declared conditional passage; any other brace syntax (Jinja
statements, comments, attribute access, filters) is rejected by
:func:`template_errors`.  Conditions are not written in the text: a passage's
condition is data in the clause file (``conditional_text``), over the same
profile facts as applicability, so the text never evaluates anything.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

PLACEHOLDER = re.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")
_STRAY = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


def placeholders(text: str) -> list[str]:
    """Names used as ``{{ name }}`` in ``text``, in order of first use."""
    seen: dict[str, None] = {}
    for match in PLACEHOLDER.finditer(text):
        seen.setdefault(match.group(1), None)
    return list(seen)


def template_errors(text: str) -> list[str]:
    """Describe every piece of template syntax other than a plain placeholder."""
    leftover = PLACEHOLDER.sub("", text)
    return [f"template syntax {m.group(0)!r} is not allowed; only '{{{{ name }}}}' placeholders are"
            for m in _STRAY.finditer(leftover)]


def resolve_passages(text: str, passages: Mapping[str, str | None]) -> str:
    """Replace each ``{{ name }}`` of ``passages`` by its text, or drop it when the text is None.

    Placeholders of other names (parameters) stay.  A placeholder stands apart like a word
    ('operation {{ x }}.'), and a passage that continues the sentence starts with its own
    punctuation (', and ...'); the spacing then closes up whether the passage is kept or
    dropped: no double spaces, no space before punctuation, no blank line left over.
    """
    if not passages:
        return text

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in passages:
            return match.group(0)
        return passages[name] or ""

    result = PLACEHOLDER.sub(substitute, text)
    lines = [re.sub(r"\s+([.,;:)])", r"\1", re.sub(r"[ \t]{2,}", " ", line)).strip() for line in result.split("\n")]
    if re.search(r"\n\s*\n", text):  # paragraphs separated by blank lines (a literal block): keep one blank line
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return "\n".join(line for line in lines if line)  # one paragraph a line (a folded block)


def format_value(value: Any) -> str:
    """Format a parameter value the way it reads in a contract."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def render(text: str, values: Mapping[str, Any], fill_in: Callable[[str], str]) -> str:
    """Replace placeholders by their values; ``fill_in(name)`` stands for a missing value."""

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        value = values.get(name)
        return fill_in(name) if value is None else format_value(value)

    return PLACEHOLDER.sub(substitute, text)


def render_segments(text: str, values: Mapping[str, Any],
                    fill_in: Callable[[str], str]) -> list[tuple[str, str]]:
    """Like :func:`render` but as ``(text, kind)`` pieces; kind is text, value or fill_in.

    Writers use the kinds to make fill-ins visible (highlighted in Word).
    """
    pieces: list[tuple[str, str]] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > position:
            pieces.append((text[position:match.start()], "text"))
        value = values.get(match.group(1))
        if value is None:
            pieces.append((fill_in(match.group(1)), "fill_in"))
        else:
            pieces.append((format_value(value), "value"))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], "text"))
    return pieces
