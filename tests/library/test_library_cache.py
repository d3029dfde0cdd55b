"""The parsed-library cache: hits, misses, invalidation, damage, the off switch, identical output.

Every test points ``ACQSPEC_CACHE_DIR`` at its own temporary folder; none
asserts a time (the speed is measured by ``bench/bench_startup.py``).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

import acqspec
from acqspec.io import cache
from acqspec.library import loader
from acqspec.library.loader import load_catalog, load_library

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_SOW = ROOT / "samples" / "sows" / "fema-damage-assessment-draft-sow.md"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ACQSPEC_CACHE_DIR", str(folder))
    monkeypatch.delenv("ACQSPEC_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def library(tmp_path: Path, bundled_library: Path) -> Path:
    """A writable copy of the shipped library."""
    target = tmp_path / "library"
    shutil.copytree(bundled_library, target)
    return target


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("library-*.pickle")) if folder.is_dir() else []


def no_fresh_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make a load that does not come from the cache fail the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("the library was parsed again instead of read from the cache")

    monkeypatch.setattr(loader, "_load_library", refuse)


def same_catalog(a: loader.Catalog, b: loader.Catalog) -> None:
    assert a.layers == b.layers
    assert a.records == b.records
    assert [r.path for r in a.records.values()] == [r.path for r in b.records.values()]
    assert a.replaced == b.replaced
    assert a.authorities == b.authorities
    assert a.problems == b.problems
    assert a.clauses() == b.clauses()
    some = next(iter(a.records))
    assert a.records[some].line("text") == b.records[some].line("text")


# -- where the cache lives ---------------------------------------------------------------------------------

def test_cache_dir_override_xdg_home_and_switch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("ACQSPEC_NO_CACHE", raising=False)
    monkeypatch.delenv("ACQSPEC_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "acqspec"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "acqspec"
    monkeypatch.setenv("ACQSPEC_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"
    for off in ("1", "yes", "true"):
        monkeypatch.setenv("ACQSPEC_NO_CACHE", off)
        assert cache.cache_dir() is None
    for on in ("", "0"):
        monkeypatch.setenv("ACQSPEC_NO_CACHE", on)
        assert cache.cache_dir() == tmp_path / "mine"


# -- hit and miss ------------------------------------------------------------------------------------------

def test_second_load_is_a_hit_and_equals_a_fresh_load(cache_dir: Path, library: Path, monkeypatch):
    first = load_catalog([library])
    assert len(entries(cache_dir)) == 1
    if hasattr(os, "getuid"):
        assert cache_dir.stat().st_mode & 0o077 == 0
    no_fresh_load(monkeypatch)
    second = load_catalog([library])
    assert second is not first
    same_catalog(first, second)


def test_validate_and_use_are_cached_apart(cache_dir: Path, library: Path):
    with_duplicates = load_library([library])
    without = load_library([library], near_duplicates=False)
    assert len(entries(cache_dir)) == 2
    same_catalog(load_library([library]), with_duplicates)
    same_catalog(load_library([library], near_duplicates=False), without)


def test_problems_are_cached_like_everything_else(cache_dir: Path, library: Path, monkeypatch):
    clause = next(library.glob("*/*.yaml"))
    clause.write_text(clause.read_text(encoding="utf-8").replace("version:", "version: [", 1), encoding="utf-8")
    (library / "stray.yml").write_text("x: 1\n", encoding="utf-8")
    fresh = load_library([library])
    assert {p.code for p in fresh.errors} >= {"LIB001", "LIB016"}
    no_fresh_load(monkeypatch)
    same_catalog(load_library([library]), fresh)


def test_layers_are_part_of_the_key(cache_dir: Path, library: Path, valid_library: Path):
    both = load_library([library, valid_library])
    alone = load_library([library])
    assert len(entries(cache_dir)) == 2
    assert both.layers != alone.layers
    same_catalog(load_library([library, valid_library]), both)


# -- invalidation ------------------------------------------------------------------------------------------

def test_a_changed_clause_file_changes_the_key_and_the_result(cache_dir: Path, library: Path):
    key = loader._cache_key((library,), False)
    before = load_catalog([library])
    path = library / "testing-evaluation" / "TE-01.yaml"
    if not path.is_file():
        path = next(library.glob("*/*.yaml"))
    clause_id = path.stem
    text = path.read_text(encoding="utf-8")
    old_title = before.get(clause_id).title
    path.write_text(text.replace(f"title: {old_title}", "title: A title changed after caching", 1),
                    encoding="utf-8")
    assert loader._cache_key((library,), False) != key
    after = load_catalog([library])
    assert after.get(clause_id).title == "A title changed after caching"
    assert len(entries(cache_dir)) == 2


@pytest.mark.parametrize("change", ["comment", "new file", "removed file", "renamed folder"])
def test_any_library_change_changes_the_key(library: Path, change: str):
    key = loader._cache_key((library,), False)
    clause = next(library.glob("*/*.yaml"))
    if change == "comment":
        clause.write_text(clause.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    elif change == "new file":
        (library / "README.md").write_text("notes\n", encoding="utf-8")
    elif change == "removed file":
        clause.unlink()
    else:
        clause.parent.rename(library / "renamed-topic")
    assert loader._cache_key((library,), False) != key


def test_the_acqspec_version_is_part_of_the_key(cache_dir: Path, library: Path, monkeypatch):
    key = loader._cache_key((library,), False)
    load_catalog([library])
    monkeypatch.setattr(acqspec, "__version__", acqspec.__version__ + ".post1")
    assert loader._cache_key((library,), False) != key
    load_catalog([library])
    assert len(entries(cache_dir)) == 2


def test_an_entry_of_another_version_is_not_used(cache_dir: Path, library: Path, monkeypatch):
    load_catalog([library])
    [entry] = entries(cache_dir)
    raw = entry.read_bytes()
    end = raw.index(b"\n", len(cache.MAGIC))
    header = json.loads(raw[len(cache.MAGIC):end])
    header["acqspec"] = "0.0.0"
    entry.write_bytes(cache.MAGIC + json.dumps(header).encode() + raw[end:])
    key = loader._cache_key((library,), False)
    assert cache.load("library", key) is None


def test_a_missing_or_oversized_library_is_not_cached(cache_dir: Path, tmp_path: Path, library: Path):
    assert load_library([tmp_path / "nowhere"]).errors
    assert entries(cache_dir) == []
    assert loader._cache_key((tmp_path / "nowhere",), False) is None
    big = next(library.glob("*/*.yaml"))
    with big.open("ab") as handle:
        handle.write(b"#" * (2 * 1024 * 1024))
    assert loader._cache_key((library,), False) is None


# -- damage ------------------------------------------------------------------------------------------------

def _damage(entry: Path, how: str) -> None:
    raw = entry.read_bytes()
    if how == "truncated":
        entry.write_bytes(raw[: len(raw) // 2])
    elif how == "flipped byte":
        entry.write_bytes(raw[:-10] + bytes([raw[-10] ^ 0xFF]) + raw[-9:])
    elif how == "empty":
        entry.write_bytes(b"")
    elif how == "garbage":
        entry.write_bytes(os.urandom(4096))
    elif how == "bad header":
        entry.write_bytes(cache.MAGIC + b"{not json\n" + raw)
    elif how == "valid header, bad pickle":
        payload = b"\x80\x05not a pickle"
        header = json.dumps(cache._header(entry.stem.split("-", 1)[1], payload)).encode()
        entry.write_bytes(cache.MAGIC + header + b"\n" + payload)
    elif how == "a directory":
        entry.unlink()
        entry.mkdir()


@pytest.mark.parametrize("how", ["truncated", "flipped byte", "empty", "garbage", "bad header",
                                 "valid header, bad pickle", "a directory"])
def test_a_damaged_entry_is_ignored_and_rebuilt(cache_dir: Path, library: Path, how: str, monkeypatch):
    fresh = load_catalog([library])
    [entry] = entries(cache_dir)
    _damage(entry, how)
    monkeypatch.setattr(loader, "_cache_key", lambda layers, near: entry.stem.split("-", 1)[1]
                        if how == "valid header, bad pickle" else real_key(layers, near))
    again = load_catalog([library])
    same_catalog(fresh, again)
    if how != "a directory":  # a folder in the way cannot be replaced; the run still works
        assert cache.load("library", loader._cache_key((library,), False)) is not None


real_key = loader._cache_key


def test_the_loading_code_is_part_of_the_key(library: Path, monkeypatch):
    key = loader._cache_key((library,), False)
    monkeypatch.setattr(loader, "_CODE_FILES", loader._CODE_FILES[:-1])
    assert loader._cache_key((library,), False) != key


def test_entries_are_private_and_used_under_a_loose_umask(cache_dir: Path, library: Path, monkeypatch):
    if not hasattr(os, "getuid"):
        pytest.skip("no file owners here")
    previous = os.umask(0o002)
    try:
        load_catalog([library])
    finally:
        os.umask(previous)
    [entry] = entries(cache_dir)
    assert entry.stat().st_mode & 0o077 == 0
    no_fresh_load(monkeypatch)
    assert load_catalog([library]).records


def test_an_entry_others_can_write_is_not_trusted(cache_dir: Path, library: Path):
    if not hasattr(os, "getuid"):
        pytest.skip("no file owners here")
    load_catalog([library])
    [entry] = entries(cache_dir)
    key = loader._cache_key((library,), False)
    assert cache.load("library", key) is not None
    entry.chmod(0o666)
    assert cache.load("library", key) is None
    entry.chmod(0o600)
    cache_dir.chmod(0o777)
    try:
        assert cache.load("library", key) is None
        assert cache.store("library", key, {"x": 1}) is False
    finally:
        cache_dir.chmod(0o700)


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path, library: Path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ACQSPEC_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv("ACQSPEC_NO_CACHE", raising=False)
    assert load_catalog([library]).records


def test_old_entries_are_evicted(cache_dir: Path):
    for i in range(cache.MAX_ENTRIES + 5):
        assert cache.store("library", cache.digest(str(i)), i)
    assert len(entries(cache_dir)) == cache.MAX_ENTRIES


# -- the off switch ----------------------------------------------------------------------------------------

def test_no_cache_switch_reads_and_writes_nothing(cache_dir: Path, library: Path, monkeypatch):
    monkeypatch.setenv("ACQSPEC_NO_CACHE", "1")
    load_catalog([library])
    assert not cache_dir.exists()
    monkeypatch.delenv("ACQSPEC_NO_CACHE")
    cached = load_catalog([library])
    assert len(entries(cache_dir)) == 1
    monkeypatch.setenv("ACQSPEC_NO_CACHE", "1")
    calls = []
    real = loader._load_library
    monkeypatch.setattr(loader, "_load_library", lambda *a, **k: calls.append(1) or real(*a, **k))
    same_catalog(load_catalog([library]), cached)
    assert calls == [1]


# -- same bytes with and without the cache -----------------------------------------------------------------

def _check(runner, args: list[str], env: dict[str, str]) -> tuple[int, str]:
    from acqspec.cli import cli

    result = runner.invoke(cli, args, env=env, catch_exceptions=False)
    return result.exit_code, result.stdout


@pytest.mark.parametrize("args", [
    ["check", str(SAMPLE_SOW), "--no-config", "--format", "json"],
    ["check", str(SAMPLE_SOW), "--no-config"],
    ["library", "validate", "--format", "json"],
    ["library", "list"],
])
def test_output_is_byte_identical_with_and_without_cache(runner, tmp_path: Path, args: list[str]):
    if args[0] == "check" and not SAMPLE_SOW.is_file():
        pytest.skip("samples are only in a source checkout")
    folder = str(tmp_path / "cache")
    off = _check(runner, args, {"ACQSPEC_NO_CACHE": "1", "ACQSPEC_CACHE_DIR": folder})
    assert not Path(folder).exists()
    cold = _check(runner, args, {"ACQSPEC_NO_CACHE": "", "ACQSPEC_CACHE_DIR": folder})
    assert entries(Path(folder))
    warm = _check(runner, args, {"ACQSPEC_NO_CACHE": "", "ACQSPEC_CACHE_DIR": folder})
    assert off == cold == warm
    assert off[1]


def test_cli_output_identical_in_new_processes(tmp_path: Path):
    """The real thing: separate processes, so nothing is shared in memory."""
    import subprocess

    if not SAMPLE_SOW.is_file():
        pytest.skip("samples are only in a source checkout")
    folder = tmp_path / "cache"
    outputs = []
    for no_cache in ("1", "", ""):
        env = {**os.environ, "ACQSPEC_NO_CACHE": no_cache, "ACQSPEC_CACHE_DIR": str(folder)}
        done = subprocess.run([sys.executable, "-m", "acqspec", "check", str(SAMPLE_SOW), "--no-config",
                               "--format", "sarif"], env=env, capture_output=True, check=False)
        outputs.append((done.returncode, done.stdout, done.stderr))
    assert outputs[0] == outputs[1] == outputs[2]
    assert entries(folder)
