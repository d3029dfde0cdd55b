"""Process-level helpers shared by the readers and the checker."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run a block (or, as a decorator, a function) without the cyclic garbage collector.

    Reading or checking a large document makes tens of thousands of small
    objects (lines, blocks, statements, findings) that all live until the work
    ends; in a process that already holds a large heap (the NLP pipeline, the
    library) each full pass of the collector rescans all of it, which made the
    cost per word grow with document size.  Reference counting still frees
    whatever is not in a cycle; the collector resumes, on its normal schedule,
    afterwards.  Nested uses leave it to the outermost.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
