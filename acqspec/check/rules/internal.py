"""AQ303–AQ304: a document that contradicts itself."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from acqspec.check.base import CheckContext, Rule
from acqspec.check.coverage import content_stems
from acqspec.check.findings import Finding
from acqspec.models import Statement

_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")
# "[ ] (ii) The offeror may supply…": alternatives on a form, one of which is ticked.
_CHECKBOX = re.compile(r"^\W{0,3}\[[\s_xX]?\]")
_PASSIVE = re.compile(r"\b(?:be|been|being)\s+[\w-]+(?:ed|en)\b", re.IGNORECASE)
_SAME_THING = 0.8  # share of the shorter object's content words the other repeats
_TIME = frozenset({"deadline", "interval", "retention", "duration"})


def _object_stems(statement: Statement) -> frozenset[str]:
    text = statement.object or ""
    for quantity in statement.quantities:
        text = text.replace(quantity.text, " ")
    return content_stems(_DIGITS.sub(" ", text))


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    # "serious AI incidents to the COR" is the same thing as "serious AI incidents and
    # malfunctions to the COR": compare against the shorter, but never on one word.
    shared = len(a & b)
    return shared >= 2 and shared / min(len(a), len(b)) >= _SAME_THING


def _groups(ctx: CheckContext, *, by_party: bool) -> Iterator[list[tuple[Statement, frozenset[str]]]]:
    """Plain (unconditioned, unhedged) statements grouped by action (and party), in document order."""
    groups: dict[tuple, list[tuple[Statement, frozenset[str]]]] = {}
    for statement in ctx.statements:
        if statement.modality == "none" or statement.party in ("none", "third_party") or not statement.action \
                or statement.hedges or statement.text.rstrip().endswith(":") \
                or _CHECKBOX.match(statement.text):
            continue
        # A different condition ("unless the CO approves") makes it an exception, not a
        # contradiction: statements are only compared within the same conditions, so the
        # conditions are part of the group key (computed once per statement, not per pair).
        conditions = _conditions(statement)
        key = (statement.party, statement.action.lower(), conditions) if by_party \
            else (statement.action.lower(), conditions)
        groups.setdefault(key, []).append((statement, _object_stems(statement)))
    yield from groups.values()


def _first_conflicts(ctx: CheckContext, *, by_party: bool,
                     judge: Callable[[Statement, Statement], Finding | None]) -> Iterator[Finding]:
    """Each statement judged against the earlier statements on the same thing; the first conflict is reported.

    One finding per statement, naming its first counterpart: a requirement restated
    in twenty places is twenty findings, not two hundred.  Earlier statements that
    ``judge`` cannot tell apart (same object, modality, owner, numbers) are compared
    once, through the first two of them in different blocks (statements in one block
    are never compared), and the ones on the same thing are found through an index
    of their object's words, so a long document that repeats itself stays linear.
    """
    for members in _groups(ctx, by_party=by_party):
        kept: list[list[tuple[Statement, frozenset[str]]]] = []  # per signature, in order of first use
        numbers: dict[tuple, int] = {}
        by_stem: dict[str, list[int]] = {}
        for statement, stems in members:
            if len(stems) < 2:  # never "the same thing" as anything (see _similar)
                continue
            shared: Counter[int] = Counter()
            for stem in stems:
                shared.update(by_stem.get(stem, ()))
            for number in sorted(n for n, count in shared.items()
                                 if count >= 2 and count / min(len(stems), len(kept[n][0][1])) >= _SAME_THING):
                first = next((s for s, _ in kept[number] if s.block != statement.block), None)
                finding = judge(first, statement) if first is not None else None
                if finding is not None:
                    yield finding
                    break
            signature = _signature(statement, stems)
            number = numbers.get(signature)
            if number is None:
                number = numbers[signature] = len(kept)
                kept.append([])
                for stem in stems:
                    by_stem.setdefault(stem, []).append(number)
            same = kept[number]
            if len(same) < 2 and all(s.block != statement.block for s, _ in same):
                same.append((statement, stems))


def _signature(statement: Statement, stems: frozenset[str]) -> tuple:
    """Everything the judges look at in the earlier statement, apart from its place."""
    return (stems, statement.modality, statement.party, bool(_PASSIVE.search(statement.text)),
            tuple((q.kind, q.value) for q in statement.quantities))


def _conditions(statement: Statement) -> frozenset[str]:
    return frozenset(" ".join(c.lower().split()) for c in statement.conditions)


def _where(ctx: CheckContext, statement: Statement) -> str:
    """Where the other statement of the pair is, in the document's own numbering and without the path
    (``§C.5.7.4 (CBP-PL-04)``, ``§3.4.1, p. 4``; ``¶12`` only where the document has no numbering)."""
    return ctx.document.place(statement.block)


class _InternalConflict(Rule, abstract=True):
    """Statements judged against the earlier statements on the same thing (see _first_conflicts)."""

    by_party: bool

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        return _first_conflicts(ctx, by_party=self.by_party,
                                judge=lambda first, second: self._judge(ctx, first, second))

    def _judge(self, ctx: CheckContext, first: Statement, second: Statement) -> Finding | None:
        raise NotImplementedError


class InternalPolarityConflict(_InternalConflict):
    """The document requires something in one place and forbids it (or makes it optional) in another.

    Why: when a SOW says both "the Contractor shall use Government data only
    for this contract" and, elsewhere, "the Contractor may use Government data
    to improve its products", the order-of-precedence clause decides which
    wins — usually not the way the program office meant.

    Example: "The Contractor shall retain all prompts." … "The Contractor shall
    not retain prompts."

    Fix: decide which is intended and delete or qualify the other (state the
    exception explicitly, e.g. "unless the COR approves in writing").
    """

    code = "AQ303"
    name = "conflict.internal-polarity"
    severity = "error"
    by_party = True

    def _judge(self, ctx: CheckContext, first: Statement, second: Statement) -> Finding | None:
        if (first.modality == "prohibition") == (second.modality == "prohibition"):
            return None
        return self.finding(ctx, second, f"contradicts {_where(ctx, first)}: '{second.modal}' here, "
                                         f"'{first.modal}' there for the same {first.party} action "
                                         f"'{first.action}'", expected=first.text)


class InternalValueConflict(_InternalConflict):
    """The document gives the same requirement two different numbers or two different owners.

    Why: "incidents within 24 hours" in one section and "within 5 business days"
    in another, or the same deliverable owed by the Contractor here and by the
    Government there, leaves the requirement unenforceable and invites a claim.

    Example: "The Contractor shall report AI incidents within 24 hours." …
    "The Contractor shall report AI incidents within 5 business days."

    Fix: keep one number (or one owner) and cross-reference it from the other
    section instead of restating it.
    """

    code = "AQ304"
    name = "conflict.internal-value"
    severity = "error"
    by_party = False

    def _judge(self, ctx: CheckContext, first: Statement, second: Statement) -> Finding | None:
        if first.modality != second.modality or first.modality == "permission":
            return None
        if first.party != second.party:
            # Two owners only when both sentences name their subject outright;
            # "ODCs must be pre-approved by the COR" is the Government approving, not owning.
            if _PASSIVE.search(first.text) or _PASSIVE.search(second.text):
                return None
            return self.finding(ctx, second, f"{second.party} here, {first.party} at {_where(ctx, first)} "
                                             f"for the same action '{first.action}'", expected=first.text)
        mine = {q.kind in _TIME: q for q in second.quantities}
        for quantity in first.quantities:
            other = mine.get(quantity.kind in _TIME)
            if other is not None and other.kind in _TIME | {quantity.kind} \
                    and abs(other.value - quantity.value) > 1e-6 * max(1.0, quantity.value):
                return self.finding(ctx, second, f"'{other.display}' here, '{quantity.display}' at "
                                                 f"{_where(ctx, first)} for the same requirement",
                                    expected=first.text, diff=f"{quantity.display} → {other.display}")
        return None
