"""Problems found while loading or validating a clause library.

Each kind of problem has a stable code so offices can grep CI logs and tests
can assert on kinds rather than wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ProblemSeverity = Literal["error", "warning"]

# code -> (severity, what it means)
PROBLEM_CODES: dict[str, tuple[ProblemSeverity, str]] = {
    "LIB001": ("error", "file cannot be parsed as safe YAML"),
    "LIB002": ("error", "file does not match the clause or registry schema"),
    "LIB003": ("error", "clause id differs from the file name"),
    "LIB004": ("error", "clause topic differs from its folder"),
    "LIB005": ("error", "duplicate clause id"),
    "LIB006": ("error", "placeholder names an undeclared parameter"),
    "LIB007": ("error", "declared parameter is not used in the clause text"),
    "LIB008": ("error", "template syntax other than {{ name }}"),
    "LIB009": ("error", "obligation or conflict id is malformed or duplicated"),
    "LIB010": ("error", "numeric limit does not fit its parameter"),
    "LIB011": ("error", "citation to an authority missing from the registry"),
    "LIB012": ("error", "supersedes / superseded_by names an unknown clause"),
    "LIB013": ("error", "overlay replaces a clause without raising its version"),
    "LIB014": ("error", "applicability is contradictory"),
    "LIB015": ("error", "authority registry is inconsistent"),
    "LIB016": ("error", "file is not where a clause file belongs"),
    "LIB020": ("warning", "clause cites only authorities that are no longer in force"),
    "LIB021": ("warning", "clause text nearly duplicates another clause"),
    "LIB022": ("warning", "library folder has no clauses"),
}


@dataclass(frozen=True, order=True)
class LibraryProblem:
    """One problem, located at ``path:line``."""

    path: str
    line: int
    code: str
    message: str

    @property
    def severity(self) -> ProblemSeverity:
        """Error or warning, from the code table."""
        return PROBLEM_CODES[self.code][0]

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message} [{self.code}]"
