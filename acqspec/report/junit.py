"""The result as JUnit XML, for CI test-report views (Jenkins, GitLab, Azure DevOps).

Layout: one ``testsuite`` per document, one ``testcase`` per rule that ran
(``classname`` = the document path, ``name`` = ``AQ401 quality.no-bound-party``).
A test case per rule rather than per finding gives CI the same test names on
every run, so its pass/fail history and "fixed"/"new failure" markers mean
something; a per-finding test case would appear and vanish as the text is
edited, and a clean document would show no tests at all.

A test case fails when the rule has a finding at or above ``fail_on`` (the
same threshold as ``acqspec check --fail-on``), so the report agrees with the
exit code.  The ``failure`` element lists every such finding with its place;
findings below the threshold and suppressed findings go to ``system-out``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from acqspec.check.findings import SEVERITY_RANK, CheckResult, FailOn, Finding, reaches
from acqspec.report.base import FunctionReporter, ReportOptions
from acqspec.report.common import place_label, xml_safe


def render_junit(result: CheckResult, options: ReportOptions = ReportOptions()) -> str:
    """JUnit XML with ``tests``/``failures`` counts on every suite and on the root.

    A test case per rule that ran (``result.rules``); codes of findings outside
    that list still get one.  ``options.fail_on`` is the lowest severity that
    fails a test case; ``"never"`` makes every case pass.
    """
    fail_on = options.fail_on
    names = {rule.code: rule.name for rule in result.rules}
    for finding in (*result.findings, *result.suppressed):
        names.setdefault(finding.code, finding.name)
    root = ET.Element("testsuites", name="acqspec")
    total_tests = total_failures = 0
    for path in _paths(result):
        suite = _suite(path, result, names, fail_on)
        total_tests += int(suite.get("tests", "0"))
        total_failures += int(suite.get("failures", "0"))
        root.append(suite)
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _paths(result: CheckResult) -> list[str]:
    """Checked documents in the given order, then any path only a finding names."""
    paths = list(result.paths)
    for finding in (*result.findings, *result.suppressed):
        if finding.path not in paths:
            paths.append(finding.path)
    return paths


def _suite(path: str, result: CheckResult, names: dict[str, str], fail_on: FailOn) -> ET.Element:
    suite = ET.Element("testsuite", name=xml_safe(path))
    failures = 0
    for code in sorted(names):
        active = [f for f in result.findings if f.path == path and f.code == code]
        suppressed = [f for f in result.suppressed if f.path == path and f.code == code]
        case = ET.SubElement(suite, "testcase", classname=xml_safe(path), name=xml_safe(f"{code} {names[code]}"))
        failing = [f for f in active if reaches(f.severity, fail_on)]
        if failing:
            failures += 1
            worst = max(failing, key=lambda f: SEVERITY_RANK[f.severity])
            summary = failing[0].message if len(failing) == 1 else \
                f"{len(failing)} findings; first: {failing[0].message}"
            failure = ET.SubElement(case, "failure", message=xml_safe(summary), type=worst.severity)
            failure.text = xml_safe("\n".join(_line(f) for f in failing))
        notes = [_line(f) for f in active if f not in failing]
        notes += [f"{_line(f)} (suppressed: {f.suppression.reason})" for f in suppressed if f.suppression]
        if notes:
            ET.SubElement(case, "system-out").text = xml_safe("\n".join(notes))
    suite.set("tests", str(len(names)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    return suite


def _line(finding: Finding) -> str:
    """``place: CODE severity: message [clause; authority]`` plus expected wording, one finding per line."""
    text = f"{place_label(finding.location)}: {finding.code} {finding.severity}: {finding.message}"
    if finding.clause_id:
        text += f" [{finding.clause_id}; {finding.authority}]" if finding.authority else f" [{finding.clause_id}]"
    if finding.expected:
        text += f" Expected: {finding.expected}"
    return text


REPORTER = FunctionReporter(
    "junit",
    "JUnit XML: one test case per rule and document, failing at --fail-on",
    "xml", render_junit)
