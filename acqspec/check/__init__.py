"""The checker: Document + statements + clause library → findings, as a linter.

Rules are small classes with a stable code, a dotted name, a severity and a
docstring that is their documentation (``acqspec rules CODE`` prints it).  They
return plain frozen findings; reporters format them; only the CLI prints.
"""
