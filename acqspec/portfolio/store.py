"""The results store of portfolio scans: one SQLite file (stdlib :mod:`sqlite3`).

Schema (version 1, ``PRAGMA user_version``):

``documents`` — one row per document of the portfolio, keyed by ``path``
    ``path`` (as scanned; a member of an archive is ``archive.zip::member.docx``),
    ``sha256`` and ``size`` of its bytes, ``pages`` (NULL when the format has no
    pages), ``words``, ``status`` (``checked`` or ``unreadable``), ``error`` (the
    reader's one-line reason when unreadable), ``errors``/``warnings``/``infos``
    (finding counts), ``result`` (the JSON of the single-document check result in
    the JSON reporter's shape: ``paths``, ``findings``, ``suppressed``,
    ``coverage``, ``baseline``, ``words``, …), and what the result was computed
    with: ``acqspec_version``, ``settings_key`` (baseline kind and clause ids or
    profile, rules, revisions), ``library_digest`` (the whole library) and
    ``clause_hashes`` (JSON ``{clause id: content hash}`` of the clauses that
    shaped it, see :mod:`acqspec.portfolio.scan`), ``scan_id`` of the scan that
    last checked it.
``scans`` — one row per scan: ``id``, ``started``/``finished`` (UTC, ISO 8601;
    ``finished`` is NULL for an interrupted scan), ``acqspec_version``,
    ``library_digest``, ``settings`` (JSON), the counts ``new``, ``changed``,
    ``unchanged``, ``removed`` and ``rechecked``.
``scan_documents`` — what each finished scan saw: ``scan_id``, ``path``,
    ``sha256``, ``errors``, ``warnings``, ``status`` (the report's "changes since
    the previous scan" compares the last two finished scans).
``clauses`` — the library of the latest scan: ``id``, ``topic``, ``title``,
    ``hash`` (the report groups coverage by Directive 139-08 topic).

Each document is committed in its own transaction together with its
``scan_documents`` row, so a scan killed at any point leaves whole rows only
and a re-run carries on from what is stored.  Migrations are one function per
version in :data:`MIGRATIONS`; opening a store runs the missing ones in order.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from acqspec.errors import AcqspecError


def _run_script(db: sqlite3.Connection, script: str) -> None:
    # executescript() would commit the migration's transaction first: run the statements one by one instead.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _migrate_1(db: sqlite3.Connection) -> None:
    _run_script(db, """
        CREATE TABLE documents (
            path TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            pages INTEGER,
            words INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('checked', 'unreadable')),
            error TEXT,
            errors INTEGER NOT NULL,
            warnings INTEGER NOT NULL,
            infos INTEGER NOT NULL,
            result TEXT NOT NULL,
            acqspec_version TEXT NOT NULL,
            settings_key TEXT NOT NULL,
            library_digest TEXT NOT NULL,
            clause_hashes TEXT NOT NULL,
            scan_id INTEGER NOT NULL
        );
        CREATE TABLE scans (
            id INTEGER PRIMARY KEY,
            started TEXT NOT NULL,
            finished TEXT,
            acqspec_version TEXT NOT NULL,
            library_digest TEXT NOT NULL,
            settings TEXT NOT NULL,
            new INTEGER, changed INTEGER, unchanged INTEGER, removed INTEGER, rechecked INTEGER
        );
        CREATE TABLE scan_documents (
            scan_id INTEGER NOT NULL,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            errors INTEGER NOT NULL,
            warnings INTEGER NOT NULL,
            status TEXT NOT NULL,
            PRIMARY KEY (scan_id, path)
        );
        CREATE TABLE clauses (id TEXT PRIMARY KEY, topic TEXT NOT NULL, title TEXT NOT NULL, hash TEXT NOT NULL);
    """)


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_migrate_1,)
"""``MIGRATIONS[i]`` takes a store from ``user_version`` i to i + 1."""
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class StoredDocument:
    """What the store holds about one document (the columns that decide whether to check it again)."""

    path: str
    sha256: str
    acqspec_version: str
    settings_key: str
    clause_hashes: dict[str, str]


class Store:
    """An open results store; use as a context manager (closes the connection)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if self.path.exists() and not self.path.is_file():
            raise AcqspecError("is not a file", path=self.path)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)  # transactions are explicit
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA busy_timeout=10000")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise AcqspecError(f"is not an acqspec results store ({exc})", path=self.path) from None

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise AcqspecError(f"results store has schema version {version}; this acqspec reads up to "
                               f"{SCHEMA_VERSION} (upgrade acqspec)", path=self.path)
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                MIGRATIONS[number](self.db)
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed on success, rolled back on any exception."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- reading ------------------------------------------------------------
    def stored(self) -> dict[str, StoredDocument]:
        """Every stored document by path."""
        rows = self.db.execute("SELECT path, sha256, acqspec_version, settings_key, clause_hashes FROM documents")
        return {r[0]: StoredDocument(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows}

    def documents(self) -> list[dict]:
        """Every stored document as a dict of its columns (``result`` parsed), sorted by path."""
        cursor = self.db.execute("SELECT * FROM documents ORDER BY path")
        names = [d[0] for d in cursor.description]
        rows = []
        for row in cursor:
            record = dict(zip(names, row, strict=True))
            record["result"] = json.loads(record["result"])
            record["clause_hashes"] = json.loads(record["clause_hashes"])
            rows.append(record)
        return rows

    def finished_scans(self) -> list[dict]:
        """Finished scans, oldest first."""
        cursor = self.db.execute("SELECT * FROM scans WHERE finished IS NOT NULL ORDER BY id")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def scan_documents(self, scan_id: int) -> dict[str, tuple[str, int, int, str]]:
        """``path → (sha256, errors, warnings, status)`` as scan ``scan_id`` saw them."""
        rows = self.db.execute("SELECT path, sha256, errors, warnings, status FROM scan_documents "
                               "WHERE scan_id = ?", (scan_id,))
        return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}

    def clause_topics(self) -> dict[str, tuple[str, str]]:
        """``clause id → (topic, title)`` of the latest scan's library."""
        return {r[0]: (r[1], r[2]) for r in self.db.execute("SELECT id, topic, title FROM clauses")}

    # -- writing ------------------------------------------------------------
    def start_scan(self, *, started: str, acqspec_version: str, library_digest: str, settings: dict,
                   clauses: list[tuple[str, str, str, str]]) -> int:
        """Record a new scan and the library it uses; returns its id."""
        with self.transaction() as db:
            cursor = db.execute("INSERT INTO scans (started, acqspec_version, library_digest, settings) "
                                "VALUES (?, ?, ?, ?)",
                                (started, acqspec_version, library_digest, json.dumps(settings, sort_keys=True)))
            db.execute("DELETE FROM clauses")
            db.executemany("INSERT INTO clauses (id, topic, title, hash) VALUES (?, ?, ?, ?)", clauses)
            return int(cursor.lastrowid)

    def put(self, scan_id: int, row: dict) -> None:
        """Store one checked document and what this scan saw of it, in one transaction."""
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO documents (path, sha256, size, pages, words, status, error, errors, "
                       "warnings, infos, result, acqspec_version, settings_key, library_digest, clause_hashes, "
                       "scan_id) VALUES (:path, :sha256, :size, :pages, :words, :status, :error, :errors, "
                       ":warnings, :infos, :result, :acqspec_version, :settings_key, :library_digest, "
                       ":clause_hashes, :scan_id)", {**row, "scan_id": scan_id})
            self._saw(db, scan_id, row["path"])

    def saw(self, scan_id: int, paths: list[str]) -> None:
        """Record that this scan saw these stored documents unchanged (one transaction)."""
        with self.transaction() as db:
            for path in paths:
                self._saw(db, scan_id, path)

    @staticmethod
    def _saw(db: sqlite3.Connection, scan_id: int, path: str) -> None:
        db.execute("INSERT OR REPLACE INTO scan_documents (scan_id, path, sha256, errors, warnings, status) "
                   "SELECT ?, path, sha256, errors, warnings, status FROM documents WHERE path = ?",
                   (scan_id, path))

    def finish_scan(self, scan_id: int, *, finished: str, removed: list[str], counts: dict[str, int]) -> None:
        """Delete the documents no longer found and mark the scan finished with its counts."""
        with self.transaction() as db:
            db.executemany("DELETE FROM documents WHERE path = ?", [(p,) for p in removed])
            db.execute("UPDATE scans SET finished = ?, new = ?, changed = ?, unchanged = ?, removed = ?, "
                       "rechecked = ? WHERE id = ?",
                       (finished, counts["new"], counts["changed"], counts["unchanged"], counts["removed"],
                        counts["rechecked"], scan_id))


def open_store(path: Path, *, must_exist: bool = False) -> Store:
    """Open (and create or migrate) the store at ``path``; ``must_exist`` refuses a missing file."""
    if must_exist and not Path(path).is_file():
        raise AcqspecError("no such results store (run 'acqspec portfolio scan' first)", path=path)
    return Store(path)
