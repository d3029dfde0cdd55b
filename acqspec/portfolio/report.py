"""The portfolio report: what a Chief AI Officer's office looks at across its contracts.

``html`` is one self-contained page (inline CSS and SVG charts drawn by
pygal, no script, no web font, no request of any kind) with: coverage of each
Directive 139-08 topic across contracts (from the baseline's coverage
reports), the most frequent conflicts and weakenings, the contracts with the
most errors, changes since the previous scan, and a table of contracts, each
linking to its findings.  ``csv`` is one row per contract; ``json`` is every
stored row.  The same store gives the same bytes (charts get fixed ids, rows
are sorted).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import Counter

from acqspec import vocab
from acqspec.portfolio.store import Store

_STATUSES = ("satisfied", "weakened", "contradicted", "missing")
_COLORS = ("#2e7d32", "#f9a825", "#c62828", "#78909c")


def render_report(store: Store, fmt: str) -> str:
    """The report of ``store`` as ``html``, ``csv`` or ``json`` text."""
    documents = store.documents()
    if fmt == "json":
        return json.dumps({"scans": store.finished_scans(), "documents": documents}, indent=2, sort_keys=True,
                          ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["path", "status", "errors", "warnings", "notes", "pages", "words", "sha256", "reason"])
        for d in documents:
            writer.writerow([d["path"], d["status"], d["errors"], d["warnings"], d["infos"],
                             "" if d["pages"] is None else d["pages"], d["words"], d["sha256"], d["error"] or ""])
        return out.getvalue()
    return _html(store, documents)


# --------------------------------------------------------------------------- figures


def topic_coverage(documents: list[dict], topics: dict[str, tuple[str, str]]) -> dict[str, Counter]:
    """``topic → Counter(status)`` over every baseline obligation of every checked contract, in topic order."""
    found: dict[str, Counter] = {}
    for d in documents:
        for item in d["result"].get("coverage", []):
            topic = topics.get(item["clause_id"], ("other", ""))[0]
            found.setdefault(topic, Counter())[item["status"]] += 1
    order = {t: i for i, t in enumerate(vocab.TOPICS)}
    return dict(sorted(found.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


def frequent_conflicts(documents: list[dict], limit: int = 10) -> list[tuple[str, int, int]]:
    """The most frequent conflict (AQ3xx) and weakening (AQ2xx) findings: ``(label, findings, contracts)``."""
    findings: Counter = Counter()
    contracts: dict[str, set] = {}
    for d in documents:
        for f in d["result"].get("findings", []):
            if f["code"][:3] in ("AQ2", "AQ3"):
                label = f"{f['code']} {f['clause_id']}" if f.get("clause_id") else f["code"]
                findings[label] += 1
                contracts.setdefault(label, set()).add(d["path"])
    ranked = sorted(findings.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [(label, n, len(contracts[label])) for label, n in ranked]


def changes(store: Store) -> dict:
    """What changed between the last two finished scans: files added, changed and removed, errors moved."""
    scans = store.finished_scans()
    if len(scans) < 2:
        return {"previous": None, "latest": scans[-1]["id"] if scans else None, "rows": []}
    before, after = store.scan_documents(scans[-2]["id"]), store.scan_documents(scans[-1]["id"])
    rows = []
    for path in sorted(set(before) | set(after)):
        old, new = before.get(path), after.get(path)
        if old is None:
            rows.append((path, "new", None, new[1]))
        elif new is None:
            rows.append((path, "removed", old[1], None))
        elif old[0] != new[0] or old[1] != new[1]:
            rows.append((path, "changed" if old[0] != new[0] else "re-checked", old[1], new[1]))
    return {"previous": scans[-2]["id"], "latest": scans[-1]["id"], "rows": rows}


# --------------------------------------------------------------------------- charts


def _style():
    from pygal.style import Style

    return Style(background="white", plot_background="white", font_family="sans-serif", colors=_COLORS,
                 label_font_size=11, major_label_font_size=11, legend_font_size=11, title_font_size=14)


def _chart(kind: str, number: int, title: str, **options):
    import pygal

    chart = getattr(pygal, kind)(js=[], css=["file://style.css", "file://graph.css"], disable_xml_declaration=True,
                                 style=_style(), title=title, width=760, height=options.pop("height", 360),
                                 print_values=False, show_legend=options.pop("show_legend", True),
                                 legend_at_bottom=True, truncate_label=60, **options)
    chart.uuid = f"acqspec-chart-{number}"  # pygal draws a random id otherwise: same store, same bytes
    return chart


def _svg(chart) -> str:
    # pygal always embeds its tooltip configuration as a <script>; without pygal.js (an external file,
    # never loaded) it does nothing, and the page promises no script at all.
    return _NOT_DRAWN.sub("", chart.render(is_unicode=True))


_NOT_DRAWN = re.compile(r"<script\b[^>]*>.*?</script>|<script\b[^>]*/>|<!--.*?-->", re.DOTALL)


def _coverage_chart(coverage: dict[str, Counter]) -> str:
    chart = _chart("HorizontalStackedBar", 1, "Baseline obligations by Directive 139-08 topic (% of all)",
                   height=120 + 34 * len(coverage), range=(0, 100))
    # pygal draws the first bar at the bottom: reversed, the topics read top-down in the Directive's order
    chart.x_labels = [vocab.TOPICS[t].heading if t in vocab.TOPICS else t for t in coverage][::-1]
    for status in _STATUSES:
        chart.add(status, [round(100 * c[status] / max(sum(c.values()), 1), 1) for c in coverage.values()][::-1])
    return _svg(chart)


def _bar_chart(number: int, title: str, labels: list[str], values: list[int], series: str) -> str:
    chart = _chart("HorizontalBar", number, title, height=120 + 28 * len(labels), show_legend=False)
    chart.x_labels = labels[::-1]  # pygal draws the first bar at the bottom: the largest goes on top
    chart.add(series, values[::-1])
    return _svg(chart)


# --------------------------------------------------------------------------- html


def _html(store: Store, documents: list[dict]) -> str:
    topics = store.clause_topics()
    scans = store.finished_scans()
    e = html.escape
    checked = [d for d in documents if d["status"] == "checked"]
    parts = ["<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
             ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
             "img-src data:\">"),
             "<title>acqspec portfolio report</title><style>", _CSS, "</style></head><body>",
             "<h1>AI contract portfolio</h1>"]
    latest = scans[-1] if scans else None
    parts.append(f"<p class=\"lead\">{len(documents)} documents ({len(checked)} checked, "
                 f"{len(documents) - len(checked)} unreadable); "
                 f"{sum(d['errors'] for d in documents)} errors, {sum(d['warnings'] for d in documents)} warnings."
                 + (f" Latest scan #{latest['id']}, finished {e(latest['finished'])} with acqspec "
                    f"{e(latest['acqspec_version'])}." if latest else "") + "</p>")
    coverage = topic_coverage(checked, topics)
    parts.append("<h2>Coverage of Directive 139-08 topics</h2>")
    if coverage:
        totals = ", ".join(f"{e(vocab.TOPICS[t].heading if t in vocab.TOPICS else t)}: "
                           f"{c['satisfied']}/{sum(c.values())} met" for t, c in coverage.items())
        parts += [f"<figure>{_coverage_chart(coverage)}<figcaption>{totals}</figcaption></figure>"]
    else:
        parts.append("<p>No coverage: the scans had no baseline (scan with --profile or --clauses).</p>")
    conflicts = frequent_conflicts(documents)
    parts.append("<h2>Most frequent conflicts and weakenings</h2>")
    if conflicts:
        parts.append(f"<figure>{_bar_chart(2, 'Findings (AQ2xx weakened, AQ3xx conflicting)', [c[0] for c in conflicts], [c[1] for c in conflicts], 'findings')}"
                     "<figcaption>" + "; ".join(f"{e(c[0])}: {c[1]} in {c[2]} contracts" for c in conflicts)
                     + "</figcaption></figure>")
    else:
        parts.append("<p>None found.</p>")
    worst = sorted((d for d in documents if d["errors"]), key=lambda d: (-d["errors"], d["path"]))[:10]
    parts.append("<h2>Contracts with the most errors</h2>")
    if worst:
        parts.append(f"<figure>{_bar_chart(3, 'Errors per contract', [d['path'] for d in worst], [d['errors'] for d in worst], 'errors')}</figure>")
    else:
        parts.append("<p>No contract has an error.</p>")
    parts.append(_changes_html(changes(store)))
    parts.append(_contracts_html(documents))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _changes_html(found: dict) -> str:
    e = html.escape
    if found["previous"] is None:
        return "<h2>Changes since the previous scan</h2><p>Only one scan so far.</p>"
    rows = found["rows"]
    counts = Counter(r[1] for r in rows)
    summary = ", ".join(f"{n} {what}" for what, n in sorted(counts.items())) or "nothing changed"
    out = [(f"<h2>Changes since the previous scan</h2><p>Scan #{found['latest']} against #{found['previous']}: "
           f"{e(summary)}.</p>")]
    if rows:
        out.append("<table><thead><tr><th>document</th><th>change</th><th>errors before</th><th>errors now</th>"
                   "</tr></thead><tbody>")
        for path, what, old, new in rows:
            out.append(f"<tr><td>{e(path)}</td><td>{what}</td><td>{'' if old is None else old}</td>"
                       f"<td>{'' if new is None else new}</td></tr>")
        out.append("</tbody></table>")
    return "\n".join(out)


def _contracts_html(documents: list[dict]) -> str:
    e = html.escape
    out = [("<h2>Contracts</h2><table><thead><tr><th>document</th><th>errors</th><th>warnings</th><th>notes</th>"
           "<th>pages</th><th>words</th><th>coverage met</th></tr></thead><tbody>")]
    details = []
    for number, d in enumerate(documents, 1):
        coverage = d["result"].get("coverage", [])
        met = f"{sum(1 for c in coverage if c['status'] == 'satisfied')}/{len(coverage)}" if coverage else ""
        css = " class=\"bad\"" if d["status"] == "unreadable" else ""
        out.append(f"<tr{css}><td><a href=\"#doc-{number}\">{e(d['path'])}</a></td><td>{d['errors']}</td>"
                   f"<td>{d['warnings']}</td><td>{d['infos']}</td><td>{'' if d['pages'] is None else d['pages']}</td>"
                   f"<td>{d['words']}</td><td>{met}</td></tr>")
        items = "".join(f"<li><span class=\"sev {e(f['severity'])}\">{e(f['severity'])}</span> <code>{e(f['code'])}"
                        f"</code> {e(_place(f))}: {e(f['message'])}</li>" for f in d["result"].get("findings", []))
        details.append(f"<section id=\"doc-{number}\"><h3>{e(d['path'])}</h3>"
                       + (f"<p class=\"bad\">Unreadable: {e(d['error'])}</p>" if d["status"] == "unreadable" else "")
                       + (f"<ul>{items}</ul>" if items else "<p>No findings.</p>") + "</section>")
    out.append("</tbody></table><h2>Findings by contract</h2>")
    return "\n".join(out + details)


def _place(finding: dict) -> str:
    location = finding.get("location") or {}
    label = location.get("section_label") or ""
    title = location.get("section_title") or ""
    if label or title:
        return f"{label} {title}".strip()
    if location.get("page"):
        return f"p. {location['page']}"
    return "document" if location.get("block") is None else f"block {location['block'] + 1}"


_CSS = """
body{font-family:sans-serif;margin:2em auto;max-width:980px;color:#1b1b1b;line-height:1.4}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;border-bottom:1px solid #ccc;margin-top:1.6em}
h3{font-size:1em;margin:1.2em 0 .3em}.lead{color:#444}figure{margin:0}figcaption{font-size:.85em;color:#555}
table{border-collapse:collapse;width:100%;font-size:.9em}th,td{border-bottom:1px solid #e0e0e0;padding:3px 6px;
text-align:left}th{background:#f3f3f3}tr.bad td,.bad{color:#b71c1c}ul{font-size:.9em;padding-left:1.2em}
.sev{display:inline-block;min-width:4.5em;font-weight:bold}.sev.error{color:#b71c1c}.sev.warning{color:#e65100}
.sev.info{color:#1565c0}code{background:#f3f3f3;padding:0 3px}
"""
