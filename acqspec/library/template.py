"""The clause text template language: ``{{ name }}`` and nothing else.

A clause file comes from another office, so its text must not be able to run
code or read files.  The only construct is a placeholder naming a declared
parameter; any other brace syntax (Jinja statements, comments, attribute
access, filters) is rejected by :func:`template_errors`.
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
