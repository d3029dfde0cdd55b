"""Portfolio scans: incremental re-scans, library changes, resume after a kill, archives, Dask, the report."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from acqspec.check.registry import selected_rules
from acqspec.cli import cli
from acqspec.library.loader import load_catalog
from acqspec.pipeline import Checker, choose_baseline
from acqspec.portfolio.scan import ScanSettings, local_executor, scan
from acqspec.portfolio.store import SCHEMA_VERSION, open_store

# Written for these tests: requirement sentences of the kinds the rules look at.
_TEXTS = [
    ("# Statement of work\n\nThe Contractor shall report every AI incident to the Contracting Officer within "
    "72 hours of discovery.\n"),
    "# Terms\n\nThe Contractor may use Government data to train its commercial models.\n",
    "# Tasks\n\nThe Contractor shall be required to deliver a test plan.\n",
    "# Oversight\n\nThe Contractor should provide a human review of adverse decisions where practicable.\n",
]


def _write_docs(folder: Path, count: int, offset: int = 0, *, paragraphs: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(offset, offset + count):
        path = folder / f"contract-{i:03d}.md"
        body = "".join(f"\n## Task {n}\n\nThe Contractor shall deliver report {n} of contract {i} monthly.\n"
                       for n in range(paragraphs - 1))
        path.write_text(_TEXTS[i % len(_TEXTS)] + f"\nThis is contract number {i}.\n" + body, encoding="utf-8")
        paths.append(path)
    return paths


class _Counting:
    """A local executor that remembers which documents it was asked to check."""

    def __init__(self) -> None:
        self.checked: list[str] = []
        self.inner = local_executor(1)

    def __call__(self, checker, items):
        self.checked += [item.path for item in items]
        yield from self.inner(checker, items)


def _checker(libraries, clauses=None, select=()):
    catalog = load_catalog(tuple(libraries))
    rules = [rule() for rule in selected_rules(select, ())]
    baseline = choose_baseline(catalog, clauses=clauses)
    settings = ScanSettings({"kind": "clauses", "clauses": clauses} if clauses else {"kind": "none"},
                            tuple(r.code for r in rules), "accepted")
    return Checker(catalog, rules, baseline), settings


def _scan(db, paths, checker, settings, executor=None):
    executor = executor or _Counting()
    with open_store(db) as store:
        summary = scan(paths, store, checker, settings, executor=executor)
    return summary, executor


def _rows(db) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT path, sha256, size, pages, words, status, error, errors, warnings, "
                                  "infos, result, clause_hashes FROM documents ORDER BY path").fetchall()


def test_rescan_checks_only_new_and_changed_files(tmp_path, bundled_library):
    docs = _write_docs(tmp_path / "docs", 4)
    db = tmp_path / "results.sqlite"
    checker, settings = _checker([bundled_library])
    first, executor = _scan(db, [tmp_path / "docs"], checker, settings)
    assert len(executor.checked) == 4 and first.new == 4
    docs[1].write_text(docs[1].read_text() + "The Contractor shall deliver a model card.\n")
    os.utime(docs[2], (time.time() + 60, time.time() + 60))  # touched, same bytes: not checked again
    docs[3].unlink()
    again, executor = _scan(db, [tmp_path / "docs"], checker, settings)
    assert executor.checked == [os.path.normpath(docs[1])]
    assert (again.new, again.changed, again.unchanged, again.removed) == (0, 1, 2, 1)
    assert again.line() == "3 files: 1 changed, 2 unchanged, 1 removed"
    assert [r[0] for r in _rows(db)] == [os.path.normpath(p) for p in docs[:3]]


def test_stored_rows_match_acqspec_check(tmp_path, bundled_library, runner):
    _write_docs(tmp_path / "docs", 4)
    db = tmp_path / "results.sqlite"
    checker, settings = _checker([bundled_library], clauses="IR-01")
    _scan(db, [tmp_path / "docs"], checker, settings)
    checked = runner.invoke(cli, ["check", str(tmp_path / "docs"), "--clauses", "IR-01", "--format", "json",
                                  "--no-config"])
    expected = json.loads(checked.stdout)
    stored = [json.loads(r[10]) for r in _rows(db)]
    assert sorted(f["code"] + f["path"] for s in stored for f in s["findings"]) == \
        sorted(f["code"] + f["path"] for f in expected["findings"])
    assert sum(len(s["coverage"]) for s in stored) == len(expected["coverage"]) > 0


def _overlay(tmp_path: Path, bundled_library: Path, clause: str, topic: str) -> Path:
    overlay = tmp_path / f"overlay-{clause}"
    (overlay / topic).mkdir(parents=True)
    text = (bundled_library / topic / f"{clause}.yaml").read_text(encoding="utf-8")
    version = int(next(line for line in text.splitlines() if line.startswith("version:")).split(":")[1])
    text = text.replace(f"version: {version}\n", f"version: {version + 1}\n", 1)
    text = text.replace("\npurpose: ", "\npurpose: Revised. ", 1)
    (overlay / topic / f"{clause}.yaml").write_text(text, encoding="utf-8")
    return overlay


def test_library_change_rechecks_only_the_rows_it_can_affect(tmp_path, bundled_library):
    """Folder a is checked against IR-01, folder b against DR-01, without conflict rules: a change to IR-01
    re-checks a only; with the conflict rules selected, every row depends on the changed clause."""
    _write_docs(tmp_path / "a", 2)
    _write_docs(tmp_path / "b", 2, offset=2)
    db = tmp_path / "results.sqlite"
    for folder, clause in (("a", "IR-01"), ("b", "DR-01")):
        checker, settings = _checker([bundled_library], clauses=clause, select=("AQ1", "AQ2"))
        _scan(db, [tmp_path / folder], checker, settings)
    overlay = _overlay(tmp_path, bundled_library, "IR-01", "incident-reporting")
    checked = {}
    for folder, clause in (("a", "IR-01"), ("b", "DR-01")):
        checker, settings = _checker([bundled_library, overlay], clauses=clause, select=("AQ1", "AQ2"))
        summary, executor = _scan(db, [tmp_path / folder], checker, settings)
        checked[folder] = (len(executor.checked), summary.rechecked, summary.unchanged)
    assert checked == {"a": (2, 2, 2), "b": (0, 0, 2)}
    # A clause whose conflicting terms AQ301 runs shapes every row AQ301 checked.
    checker, settings = _checker([bundled_library], select=("AQ301",))
    _scan(db, [tmp_path / "a", tmp_path / "b"], checker, settings)
    checker, settings = _checker([bundled_library, overlay], select=("AQ301",))
    summary, executor = _scan(db, [tmp_path / "a", tmp_path / "b"], checker, settings)
    assert len(executor.checked) == 4 and summary.rechecked == 4


def _cli(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "acqspec", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_killed_scan_resumes_without_lost_or_duplicated_rows(tmp_path):
    docs = _write_docs(tmp_path / "docs", 40, paragraphs=150)
    db = tmp_path / "results.sqlite"
    process = _cli("portfolio", "scan", "docs", "--db", str(db), "--no-config", cwd=tmp_path)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=5) as connection:
                    stored = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:  # the schema is being created
                continue
            if stored >= 2:
                break
    assert process.poll() is None, "the scan finished before it could be killed: give it more documents"
    process.send_signal(signal.SIGKILL)
    process.wait()
    with sqlite3.connect(db) as connection:
        kept = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 2 <= kept < len(docs)
    resumed = _cli("portfolio", "scan", "docs", "--db", str(db), "--no-config", cwd=tmp_path)
    out, err = resumed.communicate(timeout=300)
    assert resumed.returncode in (0, 1), err
    assert out.splitlines()[0] == f"{len(docs)} files: {len(docs) - kept} new, {kept} unchanged"
    rows = _rows(db)
    assert [r[0] for r in rows] == [os.path.join("docs", p.name) for p in docs]
    assert all(r[5] == "checked" and json.loads(r[10])["paths"] == [r[0]] for r in rows)


def test_zip_archives_are_read_and_a_bomb_is_an_error_row(tmp_path, runner):
    folder = tmp_path / "in"
    folder.mkdir()
    with zipfile.ZipFile(folder / "vendor.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("terms/a.md", _TEXTS[1])
        archive.writestr("b.txt", _TEXTS[0])
        archive.writestr("picture.png", b"\x89PNG not a document")
    with zipfile.ZipFile(folder / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("huge.txt", b"\0" * (11 * 1024 * 1024))
    db = tmp_path / "results.sqlite"
    result = runner.invoke(cli, ["portfolio", "scan", str(folder), "--db", str(db), "--no-config"])
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == "3 files: 3 new"
    errors = [line for line in result.stderr.splitlines() if line.startswith("acqspec: error:")]
    assert len(errors) == 1 and str(folder / "bomb.zip") in errors[0] and "Traceback" not in result.stderr
    rows = {r[0]: r for r in _rows(db)}
    bomb = os.path.normpath(folder / "bomb.zip")
    assert sorted(rows) == sorted([bomb, f"{os.path.normpath(folder / 'vendor.zip')}::b.txt",
                                   f"{os.path.normpath(folder / 'vendor.zip')}::terms/a.md"])
    assert rows[bomb][5] == "unreadable" and rows[bomb][7] == 1
    assert json.loads(rows[bomb][10])["findings"][0]["code"] == "AQ400"


def test_bad_store_and_bad_executor_are_one_line_errors(tmp_path, runner):
    _write_docs(tmp_path / "docs", 1)
    not_a_store = tmp_path / "notes.sqlite"
    not_a_store.write_text("hello, this is not SQLite\n" * 200)
    before = not_a_store.read_bytes()
    for args in (["--db", str(not_a_store)], ["--db", str(tmp_path / "r.sqlite"), "--executor", "remote"],
                 ["--db", str(tmp_path / "docs" / "contract-000.md")]):
        result = runner.invoke(cli, ["portfolio", "scan", str(tmp_path / "docs"), "--no-config", *args])
        assert result.exit_code == 2, result.output
        assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("acqspec: error:")
    assert not_a_store.read_bytes() == before
    result = runner.invoke(cli, ["portfolio", "report", "--db", str(tmp_path / "missing.sqlite"), "-o",
                                 str(tmp_path / "r.html")])
    assert result.exit_code == 2 and str(tmp_path / "missing.sqlite") in result.stderr


def test_missing_dask_extra_is_a_one_line_error(tmp_path, runner, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if 'acqspec[dask]' were not installed
    _write_docs(tmp_path / "docs", 1)
    result = runner.invoke(cli, ["portfolio", "scan", str(tmp_path / "docs"), "--db", str(tmp_path / "r.sqlite"),
                                 "--executor", "dask://127.0.0.1:8786", "--no-config"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "acqspec: error: --executor dask://… needs the Dask extra: pip install 'acqspec[dask]'"]


def test_store_schema_is_versioned(tmp_path):
    db = tmp_path / "results.sqlite"
    with open_store(db):
        pass
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    from acqspec.errors import AcqspecError

    with pytest.raises(AcqspecError, match="schema version"):
        open_store(db)


def test_dask_results_equal_local_results(tmp_path, bundled_library):
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    from acqspec.portfolio.executors import dask_executor

    _write_docs(tmp_path / "docs", 10)
    with zipfile.ZipFile(tmp_path / "docs" / "more.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("x.md", _TEXTS[3])
    checker, settings = _checker([bundled_library], clauses="IR-01")
    _scan(tmp_path / "local.sqlite", [tmp_path / "docs"], checker, settings, executor=local_executor(1))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        summary, _ = _scan(tmp_path / "dask.sqlite", [tmp_path / "docs"], checker, settings,
                           executor=dask_executor(client, shard_size=3))
    assert summary.new == 11
    assert _rows(tmp_path / "dask.sqlite") == _rows(tmp_path / "local.sqlite")


def _scanned_store(tmp_path, runner) -> Path:
    docs = _write_docs(tmp_path / "docs", 6)
    db = tmp_path / "results.sqlite"
    for step in range(2):
        if step:
            docs[0].write_text(_TEXTS[1], encoding="utf-8")
            docs[5].unlink()
        result = runner.invoke(cli, ["portfolio", "scan", str(tmp_path / "docs"), "--db", str(db), "--clauses",
                                     "IR-01,DR-01", "--no-config"])
        assert result.exit_code in (0, 1), result.output
    return db


def test_report_formats_are_deterministic(tmp_path, runner):
    db = _scanned_store(tmp_path, runner)
    outputs = {}
    for fmt in ("html", "csv", "json"):
        for name in ("one", "two"):
            target = tmp_path / f"{name}.{fmt}"
            result = runner.invoke(cli, ["portfolio", "report", "--db", str(db), "--format", fmt, "-o", str(target)])
            assert result.exit_code == 0, result.output
        assert (tmp_path / f"one.{fmt}").read_bytes() == (tmp_path / f"two.{fmt}").read_bytes()
        outputs[fmt] = (tmp_path / f"one.{fmt}").read_text(encoding="utf-8")
    assert outputs["csv"].count("\n") == 1 + 5
    page = outputs["html"]
    for heading in ("Coverage of Directive 139-08 topics", "Most frequent conflicts and weakenings",
                    "Contracts with the most errors", "Changes since the previous scan"):
        assert heading in page
    assert page.count("<svg") == 3 and "<script" not in page and "http://" not in page.replace(
        "http://www.w3.org/", "")
    assert "1 changed" in page and "1 removed" in page
    assert oct((tmp_path / "one.html").stat().st_mode & 0o777) != "0o600"


def test_report_opens_offline_in_chromium(tmp_path, runner):
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    db = _scanned_store(tmp_path, runner)
    report = tmp_path / "report.html"
    assert runner.invoke(cli, ["portfolio", "report", "--db", str(db), "-o", str(report)]).exit_code == 0
    requests = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.goto(report.as_uri())
        charts = page.locator("svg").count()
        links = page.locator("a[href^='#doc-']").count()
        target = page.locator("#doc-1 h3").inner_text()
        browser.close()
    assert requests == [report.as_uri()]
    assert charts == 3 and links == 5 and target.endswith("contract-000.md")
