"""Find and normalise deadlines, frequencies, retention periods and other numbers.

Contracts write numbers every way at once: "within seventy-two (72) hours",
"no later than 30 calendar days after award", "quarterly", "at least every
three years", "for a minimum of ninety (90) days".  The checker compares these
against clause limits, so each is normalised to a value in a base unit:
durations in hours, frequencies as the interval between events in hours,
percentages in percent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from acqspec.nlp.reading import ascii_folded

QuantityKind = Literal["deadline", "interval", "retention", "duration", "percent", "count"]

_HOURS = {
    "minute": 1 / 60, "hour": 1.0, "day": 24.0, "calendar day": 24.0, "business day": 24.0 * 7 / 5,
    "working day": 24.0 * 7 / 5, "week": 168.0, "month": 730.5, "quarter": 2191.5, "year": 8766.0,
}
_FREQUENCY_WORDS = {
    "hourly": 1.0, "daily": 24.0, "nightly": 24.0, "weekly": 168.0, "biweekly": 336.0, "bi-weekly": 336.0,
    "fortnightly": 336.0, "monthly": 730.5, "bimonthly": 1461.0, "bi-monthly": 1461.0, "quarterly": 2191.5,
    "semiannually": 4383.0, "semi-annually": 4383.0, "semiannual": 4383.0, "semi-annual": 4383.0,
    "biannually": 4383.0, "bi-annually": 4383.0, "annually": 8766.0, "annual": 8766.0, "yearly": 8766.0,
}
_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1,
}

_WORD_NUMBER = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|"
                r"six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one hundred|a|an)")
# "seventy-two (72)", "72", "seventy-two", "1,000", "2.5"
_NUMBER = rf"(?:{_WORD_NUMBER}\s*\(\s*\d[\d,]*(?:\.\d+)?\s*\)|\d[\d,]*(?:\.\d+)?|{_WORD_NUMBER})"
_UNIT = (r"(?:calendar\s+days?|business\s+days?|working\s+days?|minutes?|hours?|hrs?|days?|weeks?|months?|"
         r"quarters?|years?)")
_QTY = re.compile(rf"\b(?P<number>{_NUMBER})[\s-]*(?P<unit>{_UNIT})\b", re.IGNORECASE)
_EVERY = re.compile(rf"\b(?:every|each|once\s+(?:every|each|per|a))\s+(?:(?P<number>{_NUMBER})\s+)?(?P<unit>{_UNIT})\b"
                    r"|\b(?:once|twice|(?P<times>\w+)\s+times)\s+(?:per|a|each)\s+(?P<unit2>day|week|month|quarter|year)\b",
                    re.IGNORECASE)
_FREQ = re.compile(r"\b(" + "|".join(sorted((re.escape(w) for w in _FREQUENCY_WORDS), key=len, reverse=True))
                   + r")\b", re.IGNORECASE)
_PERCENT = re.compile(r"\b(?P<number>\d+(?:\.\d+)?)\s*(?:%|percent\b|per\s*cent\b)", re.IGNORECASE)
_DEADLINE_CUE = re.compile(r"\b(within|no\s+later\s+than|not\s+later\s+than|not\s+to\s+exceed|by|before|prior\s+to|"
                           r"in\s+no\s+event\s+later\s+than|at\s+least)\s*$", re.IGNORECASE)
_RETENTION_CUE = re.compile(r"\b(retain\w*|retention|keep|kept|store\w*|preserv\w*|maintain\w*|delete\w*|"
                            r"purge\w*|destroy\w*|dispos\w*)\b", re.IGNORECASE)


_PATTERNS = (_EVERY, _FREQ, _QTY, _PERCENT, _DEADLINE_CUE, _RETENTION_CUE)
_ASCII_PATTERNS = tuple(ascii_folded(regex) for regex in _PATTERNS)


@dataclass(frozen=True)
class Quantity:
    """A number found in a sentence, normalised to a base unit."""

    kind: QuantityKind
    value: float
    """In hours for deadline/interval/retention/duration; percent for percent; plain for count."""
    text: str
    start: int
    end: int
    bound: Literal["max", "min", "exact"] = "exact"
    amount: float | None = None
    """The number as written (72 for 'seventy-two (72) hours')."""
    unit: str | None = None
    """The unit as written, singular ('hour', 'calendar day', 'quarter')."""

    @property
    def display(self) -> str:
        """Human-readable value in the document's own unit, e.g. '72 hours' or '3 months'."""
        if self.kind == "percent":
            return f"{self.value:g}%"
        if self.amount is not None and self.unit:
            return f"{self.amount:g} {self.unit}{'' if self.amount == 1 else 's'}"
        for unit, hours in (("years", 8766.0), ("months", 730.5), ("days", 24.0)):
            if self.value >= hours and abs(self.value / hours - round(self.value / hours)) < 0.02:
                return f"{round(self.value / hours):g} {unit}"
        return f"{self.value:g} hours" if self.kind != "count" else f"{self.value:g}"


def parse_number(text: str) -> float | None:
    """Value of '72', '1,000', 'seventy-two', 'seventy-two (72)'; None if unreadable."""
    text = text.strip().lower()
    paren = re.search(r"\(\s*(\d[\d,]*(?:\.\d+)?)\s*\)", text)
    if paren:
        return float(paren.group(1).replace(",", ""))
    if re.fullmatch(r"\d[\d,]*(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    total = 0
    for part in re.split(r"[-\s]+", text):
        if part not in _NUMBER_WORDS:
            return None
        total = total * 100 if part == "hundred" else total + _NUMBER_WORDS[part]
    return float(total)


def _unit_name(unit: str) -> str:
    unit = " ".join(unit.lower().split()).rstrip("s")
    return {"hr": "hour"}.get(unit, unit)


def _unit_hours(unit: str) -> float:
    return _HOURS[_unit_name(unit)]


def find_quantities(sentence: str) -> list[Quantity]:
    """Every duration, frequency, retention period and percentage in ``sentence``."""
    # An ASCII sentence is matched lower-cased with the faster case-sensitive
    # twins of the patterns (same spans, see ascii_folded); every group read
    # below is lower-cased anyway, except each quantity's text, which is cut
    # from the sentence itself.
    if sentence.isascii():
        text, (every_re, freq_re, qty_re, percent_re, deadline_re, retention_re) = sentence.lower(), _ASCII_PATTERNS
    else:
        text, (every_re, freq_re, qty_re, percent_re, deadline_re, retention_re) = sentence, _PATTERNS
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def overlaps(start: int, end: int) -> bool:
        return any(start < e and s < end for s, e in taken)

    for match in every_re.finditer(text):
        start, end = match.span()
        if match.group("unit2"):
            times = {"once": 1, "twice": 2}.get(match.group(0).split()[0].lower())
            times = times or parse_number(match.group("times") or "") or 1
            value = _unit_hours(match.group("unit2")) / times
        else:
            number = parse_number(match.group("number")) if match.group("number") else 1.0
            if number is None:
                continue
            value = number * _unit_hours(match.group("unit"))
            found.append(Quantity("interval", value, sentence[start:end], start, end, "max",
                                  number, _unit_name(match.group("unit"))))
            taken.append((start, end))
            continue
        found.append(Quantity("interval", value, sentence[start:end], start, end, "max"))
        taken.append((start, end))
    for match in freq_re.finditer(text):
        start, end = match.span()
        if overlaps(start, end):
            continue
        found.append(Quantity("interval", _FREQUENCY_WORDS[match.group(1).lower()], sentence[start:end],
                              start, end, "max"))
        taken.append((start, end))
    for match in qty_re.finditer(text):
        start, end = match.span()
        if overlaps(start, end):
            continue
        number = parse_number(match.group("number"))
        if number is None or match.group("number").lower() in ("a", "an") and number == 1 and \
                not re.search(r"\b(within|every|per|for)\s+an?\s*$", text[:start + 3], re.IGNORECASE):
            continue
        value = number * _unit_hours(match.group("unit"))
        before = text[max(0, start - 40):start]
        if deadline_re.search(before):
            cue = deadline_re.search(before).group(1).lower()
            kind: QuantityKind = "retention" if retention_re.search(text) and cue == "at least" else "deadline"
            bound = "min" if cue == "at least" else "max"
        elif retention_re.search(text):
            kind, bound = "retention", "exact"
            if re.search(r"\b(at\s+least|minimum\s+of|no\s+less\s+than|not\s+less\s+than)\s*$", before, re.I):
                bound = "min"
            elif re.search(r"\b(no\s+(?:more|longer)\s+than|up\s+to|maximum\s+of|not\s+to\s+exceed)\s*$", before, re.I):
                bound = "max"
        else:
            kind, bound = "duration", "exact"
        found.append(Quantity(kind, value, sentence[start:end], start, end, bound,
                              number, _unit_name(match.group("unit"))))
        taken.append((start, end))
    for match in percent_re.finditer(text):
        start, end = match.span()
        found.append(Quantity("percent", float(match.group("number")), sentence[start:end], start, end))
    return sorted(found, key=lambda q: q.start)
