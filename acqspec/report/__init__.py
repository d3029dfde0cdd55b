"""Reporters: a finished CheckResult → text.  They never read documents or analyse."""
