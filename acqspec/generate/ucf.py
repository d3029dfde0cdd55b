"""The Uniform Contract Format (FAR 15.204-1): the section titles of a solicitation.

A generated document whose section number starts with one of these letters
(``C.5`` → Section C) opens with that section's title line, as solicitations
written in the UCF do.  Sections L and M and the QASP writers can use the same table.
"""

from __future__ import annotations

UCF_SECTIONS: dict[str, str] = {
    "A": "Solicitation/Contract Form",
    "B": "Supplies or Services and Prices/Costs",
    "C": "Description/Specifications/Statement of Work",
    "D": "Packaging and Marking",
    "E": "Inspection and Acceptance",
    "F": "Deliveries or Performance",
    "G": "Contract Administration Data",
    "H": "Special Contract Requirements",
    "I": "Contract Clauses",
    "J": "List of Attachments",
    "K": "Representations, Certifications, and Other Statements of Offerors or Respondents",
    "L": "Instructions, Conditions, and Notices to Offerors or Respondents",
    "M": "Evaluation Factors for Award",
}


def ucf_letter(section_number: str) -> str | None:
    """'C' for 'C.5' or 'C'; None for a number outside the UCF ('3.2', 'AA.1')."""
    letter = section_number.split(".", 1)[0]
    return letter if letter in UCF_SECTIONS else None


def ucf_title_line(section_number: str) -> str | None:
    """'SECTION C – DESCRIPTION/SPECIFICATIONS/STATEMENT OF WORK' for 'C.5', else None."""
    letter = ucf_letter(section_number)
    return None if letter is None else f"Section {letter} – {UCF_SECTIONS[letter]}".upper()
