"""The generator: acquisition profile → clause selection → specification model.

Writers for Word, Markdown and JSON turn the specification model into files;
none of them decides anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def build_spec(profile_path: str | Path, libraries: Sequence[str | Path]):
    """Profile file + library folders → :class:`~acqspec.generate.assemble.SpecDocument`."""
    from acqspec.generate.assemble import assemble
    from acqspec.generate.profile import load_profile
    from acqspec.generate.select import select_clauses
    from acqspec.library.loader import load_catalog

    loaded = load_profile(profile_path)
    catalog = load_catalog(libraries)
    return assemble(loaded.profile, select_clauses(loaded, catalog))
