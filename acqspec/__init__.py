"""acqspec: AI acquisition specifications and clause checks for U.S. federal buyers.

The package is split by data flow:

* :mod:`acqspec.library` loads, validates, lists and diffs the clause library;
* :mod:`acqspec.io` holds everything that reads or writes bytes on disk;
* :mod:`acqspec.cli` is the only package that prints or exits.
"""

__version__ = "0.1.0"
