"""Checker rules, one module per family."""
