"""Benchmark ``acqspec check`` (and start-up, ``generate``, reading) against the issue-6 targets.

Inputs are deterministic SOW-like documents of 10, 100 and 1,000 pages
(~5k, 50k, 500k words) in .md, .docx and .pdf, written once by
``bench/make_inputs.py`` and cached under ``bench/.cache/``.  Every figure is
the median of ``--runs`` runs; wall time and CPU time are both recorded, since
CPU time is the steadier of the two on a busy machine.

Measured:

* ``acqspec --help`` and ``acqspec generate`` (largest sample profile), cold;
* ``acqspec check FILE`` cold, i.e. a new process including start-up, with
  the child's peak memory (max RSS from ``wait4``);
* warm, in one process with the pipeline and library already loaded: reading,
  extraction and the whole check of each file, in words/s;
* reading each PDF with ``pdftotext`` (poppler) in the same run, for scale;
* a folder of 200 documents with ``--jobs 1`` and ``--jobs 2`` (if the CLI
  has ``--jobs``; otherwise recorded as pending with the serial time).

Usage::

    python bench/bench_check.py            # full: 10, 100, 1,000 pages (several minutes)
    python bench/bench_check.py --quick    # 10 and 100 pages, folder of 200 skipped

Prints a Markdown report and writes ``bench/results/latest.json`` and ``.md``;
``python bench/bench_check.py --compare BEFORE.json AFTER.json`` prints two
result files side by side.
The ``acqspec`` run is the one next to the running Python.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_inputs  # noqa: E402  (bench/ is not a package)

ROOT = HERE.parent
RESULTS = HERE / "results"
PROFILE = ROOT / "samples" / "profiles" / "uscis-genai-case-assistant.yaml"
ACQSPEC = Path(sys.executable).parent / "acqspec"
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"

TARGETS = {
    "warm_words_per_s": 50_000,   # >= per format, 100 pages
    "cold_100p_s": 2.0,           # <= per format
    "pdf_read_vs_pdftotext": 2.0,  # <= ratio
    "generate_s": 0.5,            # <
    "help_s": 0.3,                # <
    "peak_rss_1000p_mb": 500,     # < per format
    "jobs2_speedup": 1.7,         # >=
    "linearity": 1.25,            # per-word cost at the largest size <= this x the cost at 100 pages
}


# ======================================================================================
# Measuring
# ======================================================================================

def _stats(values: list[float]) -> dict:
    med = statistics.median(values)
    return {"median": med, "min": min(values), "max": max(values), "n": len(values),
            "spread": (max(values) - min(values)) / med if med else 0.0}


# The child is started by a small launcher process, not by this one: on Linux a
# child's max RSS also counts the memory of the process it was forked from (the
# high-water mark survives exec), and this process holds the NLP pipeline.
_LAUNCHER = """
import json, os, sys, time
out = os.dup(1)
start = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ,
                     file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
os.write(out, json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_kb": usage.ru_maxrss,
                          "code": os.waitstatus_to_exitcode(status)}).encode())
"""


def run_child(cmd: list[str], *, timeout: float = 900, ok: tuple[int, ...] = (0,)) -> dict:
    """Run ``cmd`` (absolute path first); wall time, CPU time (user + sys) and max RSS of that child alone."""
    with tempfile.TemporaryFile() as err:
        done = subprocess.run([sys.executable, "-S", "-c", _LAUNCHER, *map(str, cmd)], stdout=subprocess.PIPE,
                              stderr=err, cwd=ROOT, timeout=timeout, check=False)
        try:
            usage = json.loads(done.stdout)
        except ValueError:
            usage = {"code": done.returncode}
        if done.returncode != 0 or usage["code"] not in ok:
            err.seek(0)
            raise RuntimeError(f"{' '.join(map(str, cmd))} exited {usage['code']}:\n"
                               f"{err.read().decode(errors='replace')[-2000:]}")
    return {"wall": usage["wall"], "cpu": usage["cpu"], "rss_mb": usage["rss_kb"] / 1024}


def repeat_child(cmd: list[str], runs: int, **kwargs) -> dict:
    samples = [run_child(cmd, **kwargs) for _ in range(runs)]
    return {"wall": _stats([s["wall"] for s in samples]), "cpu": _stats([s["cpu"] for s in samples]),
            "rss_mb": max(s["rss_mb"] for s in samples)}


def repeat_call(fn, runs: int) -> tuple[dict, dict, object]:
    """Wall and CPU statistics of ``fn()`` called ``runs`` times, and its last result."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return _stats(walls), _stats(cpus), result


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f}/{five:.2f}"


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')} load {_load()}] {message}", file=sys.stderr, flush=True)


# ======================================================================================
# Machine
# ======================================================================================

def _acqspec_source() -> str:
    """Where ``import acqspec`` finds the package (a PYTHONPATH checkout may shadow the installed one)."""
    import importlib.util

    spec = importlib.util.find_spec("acqspec")
    return str(Path(spec.origin).parent) if spec and spec.origin else "n/a"


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
    except (OSError, StopIteration, ValueError):
        mem_kb = 0

    def version(cmd: list[str]) -> str:
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
            return (out.stdout + out.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return "n/a"

    def package(name: str) -> str:
        from importlib.metadata import PackageNotFoundError, version as dist_version
        try:
            return dist_version(name)
        except PackageNotFoundError:
            return "n/a"

    commit = version(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = bool(subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                                capture_output=True, text=True).stdout.strip())
    return {
        "nproc": os.cpu_count(), "cpu_model": model, "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(), "platform": platform.platform(),
        "spacy": package("spacy"), "pypdfium2": package("pypdfium2"), "pdftotext": version([PDFTOTEXT, "-v"]),
        "acqspec_commit": commit + ("+dirty" if dirty else ""), "acqspec_source": _acqspec_source(),
        "load_at_start": _load(),
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


# ======================================================================================
# The benchmark
# ======================================================================================

def has_jobs_option() -> bool:
    out = subprocess.run([str(ACQSPEC), "check", "--help"], capture_output=True, text=True)
    return "--jobs" in out.stdout


def bench(args) -> dict:
    sizes, formats = args.sizes, args.formats
    result: dict = {"machine": machine(), "config": {"sizes": sizes, "formats": formats, "runs": args.runs,
                                                    "runs_1000p": args.runs_large,
                                                    "words_per_page": make_inputs.WORDS_PER_PAGE,
                                                    "generator_version": make_inputs.GENERATOR_VERSION,
                                                    "acqspec": str(ACQSPEC)}}
    _log("inputs")
    inputs = {(p, f): make_inputs.sample_path(p, f) for p in sizes for f in formats}
    runs_for = {p: (args.runs_large if p >= 1000 else args.runs) for p in sizes}

    # --- start-up ------------------------------------------------------------------------
    _log("acqspec --help")
    result["help"] = repeat_child([str(ACQSPEC), "--help"], max(args.runs, 5))
    _log("acqspec generate")
    with tempfile.TemporaryDirectory() as tmp:
        result["generate"] = repeat_child([str(ACQSPEC), "generate", str(PROFILE), "-o", f"{tmp}/sow.docx"],
                                          args.runs)

    # --- warm, in process ----------------------------------------------------------------
    _log("warm (loading pipeline and library)")
    from acqspec.pipeline import check_paths as check_documents
    from acqspec.io.readers import read_document
    from acqspec.library.loader import load_catalog
    from acqspec.nlp.extract import extract_statements
    import spacy

    from acqspec.nlp.pipeline import load_classifier
    from acqspec.resources import default_library_dir

    nlp = load_classifier()  # what acqspec check reads sentences with
    blank_tokenizer = spacy.blank("en").tokenizer  # the reference: spaCy tokenizing the same text, nothing else
    catalog = load_catalog([default_library_dir()])
    check_documents([inputs[(sizes[0], formats[0])]], catalog, nlp=nlp)  # warm every lazy import and cache
    warm, inputs_info = [], []
    for pages in sizes:
        for fmt in formats:
            path = inputs[(pages, fmt)]
            _log(f"warm {pages}p {fmt}")
            runs = runs_for[pages]
            read_wall, read_cpu, document = repeat_call(lambda: read_document(path), runs)
            extract_wall, extract_cpu, statements = repeat_call(lambda: extract_statements(document, nlp), runs)
            check_wall, check_cpu, checked = repeat_call(lambda: check_documents([path], catalog, nlp=nlp), runs)
            texts = [block.text for block in document.blocks]
            tok_wall, tok_cpu, _ = repeat_call(lambda: [blank_tokenizer(text) for text in texts], runs)
            words = document.word_count
            inputs_info.append({"pages": pages, "format": fmt, "path": str(path.relative_to(ROOT)),
                                "bytes": path.stat().st_size, "words": words, "blocks": len(document.blocks),
                                "pdf_pages": document.pages, "sentences": len(statements),
                                "obligations": sum(s.is_obligation for s in statements),
                                "findings": len(checked.findings)})
            warm.append({"pages": pages, "format": fmt, "words": words,
                         "read": {"wall": read_wall, "cpu": read_cpu},
                         "extract": {"wall": extract_wall, "cpu": extract_cpu},
                         "check": {"wall": check_wall, "cpu": check_cpu},
                         "spacy_tokenizer": {"wall": tok_wall, "cpu": tok_cpu},
                         "vs_spacy_tokenizer": tok_cpu["median"] / check_cpu["median"],
                         "spacy_tokenizer_words_per_cpu_s": words / tok_cpu["median"],
                         "words_per_s": words / check_wall["median"],
                         "words_per_cpu_s": words / check_cpu["median"]})
            # Free this file's results before the next one: a full collection walks every
            # live object, so leftovers of a 1,000-page run would slow down the next.
            del document, statements, checked
            gc.collect()
    result["inputs"] = inputs_info
    result["warm"] = warm

    # --- pdftotext, for scale --------------------------------------------------------------
    result["pdftotext"] = []
    if "pdf" in formats and Path(PDFTOTEXT).exists():
        for pages in sizes:
            _log(f"pdftotext {pages}p")
            cmd = [PDFTOTEXT, str(inputs[(pages, "pdf")]), "/dev/null"]
            result["pdftotext"].append({"pages": pages, **repeat_child(cmd, runs_for[pages])})

    # --- cold, one process per run ---------------------------------------------------------
    cold = []
    for pages in sizes:
        for fmt in formats:
            _log(f"cold {pages}p {fmt}")
            cmd = [str(ACQSPEC), "check", str(inputs[(pages, fmt)]), "--fail-on", "never"]
            cold.append({"pages": pages, "format": fmt, **repeat_child(cmd, runs_for[pages])})
    result["cold"] = cold

    # --- a folder of 200 documents -----------------------------------------------------------
    if args.folder:
        folder = make_inputs.folder_path(args.folder_size)
        files = sorted(p for p in folder.iterdir() if p.suffix.lstrip(".") in make_inputs.FORMATS)
        words = sum(read_document(p).word_count for p in files)
        entry: dict = {"documents": len(files), "words": words, "path": str(folder.relative_to(ROOT))}
        if has_jobs_option():
            for jobs in (1, 2):
                _log(f"folder of {len(files)}, --jobs {jobs}")
                cmd = [str(ACQSPEC), "check", str(folder), "--fail-on", "never", "--jobs", str(jobs)]
                entry[f"jobs{jobs}"] = repeat_child(cmd, args.folder_runs)
            entry["speedup"] = entry["jobs1"]["wall"]["median"] / entry["jobs2"]["wall"]["median"]
        else:
            _log(f"folder of {len(files)}, serial (no --jobs option yet)")
            cmd = [str(ACQSPEC), "check", str(folder), "--fail-on", "never"]
            entry["serial"] = repeat_child(cmd, args.folder_runs)
            entry["pending"] = "acqspec check has no --jobs option yet"
        result["folder"] = entry

    result["machine"]["load_at_end"] = _load()
    result["targets"] = evaluate(result)
    return result


# ======================================================================================
# Targets and report
# ======================================================================================

def _find(rows: list[dict], **keys) -> dict | None:
    return next((r for r in rows if all(r.get(k) == v for k, v in keys.items())), None)


def evaluate(result: dict) -> list[dict]:
    """One row per target: the measured value, the target, and met / missed / pending."""
    rows = []

    def add(name: str, value, target: str, met: bool | None, note: str = "") -> None:
        rows.append({"target": name, "value": value, "goal": target,
                     "status": "pending" if met is None else ("met" if met else "missed"), "note": note})

    sizes = result["config"]["sizes"]
    reference = 100 if 100 in sizes else sizes[-1]
    for fmt in result["config"]["formats"]:
        row = _find(result["warm"], pages=reference, format=fmt)
        if row:
            add(f"warm check throughput, {reference} p .{fmt}", f"{row['words_per_s']:,.0f} words/s",
                f">= {TARGETS['warm_words_per_s']:,} words/s", row["words_per_s"] >= TARGETS["warm_words_per_s"],
                f"CPU-time basis {row['words_per_cpu_s']:,.0f} words/s = {row['vs_spacy_tokenizer']:.3f}x "
                f"spaCy's blank tokenizer on the same text ({row['spacy_tokenizer_words_per_cpu_s']:,.0f} words/s)")
    for fmt in result["config"]["formats"]:
        row = _find(result["cold"], pages=reference, format=fmt)
        if row:
            value = row["wall"]["median"]
            add(f"cold check, {reference} p .{fmt}", f"{value:.2f} s", f"<= {TARGETS['cold_100p_s']} s",
                value <= TARGETS["cold_100p_s"], f"CPU {row['cpu']['median']:.2f} s")
    for pages in sizes:
        pdf = _find(result["warm"], pages=pages, format="pdf")
        poppler = _find(result["pdftotext"], pages=pages)
        if pdf and poppler and pages >= 100:
            ratio = pdf["read"]["wall"]["median"] / poppler["wall"]["median"]
            cpu = pdf["read"]["cpu"]["median"] / poppler["cpu"]["median"]
            add(f"read .pdf vs pdftotext, {pages} p", f"{ratio:.2f}x "
                f"({pdf['read']['wall']['median']:.3f} s vs {poppler['wall']['median']:.3f} s)",
                f"<= {TARGETS['pdf_read_vs_pdftotext']}x", ratio <= TARGETS["pdf_read_vs_pdftotext"],
                f"CPU-time basis {cpu:.2f}x")
    value = result["generate"]["wall"]["median"]
    add("acqspec generate (66 requirements)", f"{value:.2f} s", f"< {TARGETS['generate_s']} s",
        value < TARGETS["generate_s"])
    value = result["help"]["wall"]["median"]
    add("acqspec --help", f"{value:.3f} s", f"< {TARGETS['help_s']} s", value < TARGETS["help_s"])
    largest = max(sizes)
    for fmt in result["config"]["formats"]:
        row = _find(result["cold"], pages=largest, format=fmt)
        if row and largest >= 1000:
            add(f"peak memory, {largest} p .{fmt}", f"{row['rss_mb']:.0f} MB", f"< {TARGETS['peak_rss_1000p_mb']} MB",
                row["rss_mb"] < TARGETS["peak_rss_1000p_mb"])
    if largest > reference:
        for fmt in result["config"]["formats"]:
            small = _find(result["warm"], pages=reference, format=fmt)
            big = _find(result["warm"], pages=largest, format=fmt)
            if small and big:
                # CPU time: the per-word cost, without the noise of other processes.
                ratio = (big["check"]["cpu"]["median"] / big["words"]) / (small["check"]["cpu"]["median"] / small["words"])
                wall = (big["check"]["wall"]["median"] / big["words"]) / (small["check"]["wall"]["median"] / small["words"])
                add(f"linear cost, .{fmt} ({largest} p vs {reference} p, per word)", f"{ratio:.2f}x",
                    f"<= {TARGETS['linearity']}x", ratio <= TARGETS["linearity"],
                    f"warm check CPU time per word; wall-time basis {wall:.2f}x")
    folder = result.get("folder")
    if folder:
        if "speedup" in folder:
            add(f"folder of {folder['documents']}, --jobs 2 vs --jobs 1", f"{folder['speedup']:.2f}x",
                f">= {TARGETS['jobs2_speedup']}x", folder["speedup"] >= TARGETS["jobs2_speedup"],
                f"{folder['jobs1']['wall']['median']:.1f} s -> {folder['jobs2']['wall']['median']:.1f} s")
        else:
            add(f"folder of {folder['documents']}, --jobs 2 vs --jobs 1", "n/a", f">= {TARGETS['jobs2_speedup']}x",
                None, f"{folder['pending']}; serial {folder['serial']['wall']['median']:.1f} s")
    return rows


def markdown(result: dict) -> str:
    m = result["machine"]
    out = [f"# acqspec check benchmark ({m['date']})", "",
           f"Machine: {m['nproc']} CPUs, {m['cpu_model']}, {m['ram_gb']} GB RAM; Python {m['python']}, "
           f"spaCy {m['spacy']}, pypdfium2 {m['pypdfium2']}, {m['pdftotext']}; acqspec {m['acqspec_commit']} "
           f"(from {m.get('acqspec_source', 'n/a')}).  "
           f"Load average (1/5 min) {m['load_at_start']} at start, {m['load_at_end']} at end.  "
           f"Medians of {result['config']['runs']} runs ({result['config']['runs_1000p']} at 1,000 pages).", "",
           "## Targets", "", "| Target | Measured | Goal | Status | Note |", "|---|---|---|---|---|"]
    out += [f"| {r['target']} | {r['value']} | {r['goal']} | {r['status']} | {r['note']} |" for r in result["targets"]]
    out += ["", "## check: warm (in process) and cold (new process)", "",
            "Warm: the pipeline and library already loaded; Read and Extract are timed separately, Check is "
            "the whole `acqspec.pipeline.check_paths` (read + extract + rules).  *vs spaCy tokenizer*: CPU time of "
            "spaCy's blank English tokenizer over the document's blocks divided by the check's (1.00x = the whole "
            "check costs what tokenizing alone costs with spaCy).", "",
            "| Pages | Format | Words | Read s | Extract s | Check s | Check CPU s | Words/s | Words/CPU-s "
            "| vs spaCy tokenizer | Cold s | Cold CPU s | Peak RSS MB |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for w in result["warm"]:
        c = _find(result["cold"], pages=w["pages"], format=w["format"]) or {}
        out.append(f"| {w['pages']:,} | {w['format']} | {w['words']:,} | {w['read']['wall']['median']:.3f} "
                   f"| {w['extract']['wall']['median']:.3f} | {w['check']['wall']['median']:.3f} "
                   f"| {w['check']['cpu']['median']:.3f} | {w['words_per_s']:,.0f} | {w['words_per_cpu_s']:,.0f} "
                   f"| {w.get('vs_spacy_tokenizer', float('nan')):.3f}x "
                   f"| {c.get('wall', {}).get('median', float('nan')):.2f} "
                   f"| {c.get('cpu', {}).get('median', float('nan')):.2f} | {c.get('rss_mb', float('nan')):.0f} |")
    out += ["", "## Reading alone (warm, in process)", "",
            "| Pages | Format | Read s | Words/s | pdftotext s | Ratio |", "|---:|---|---:|---:|---:|---:|"]
    for w in result["warm"]:
        poppler = _find(result["pdftotext"], pages=w["pages"]) if w["format"] == "pdf" else None
        read = w["read"]["wall"]["median"]
        extra = (f"{poppler['wall']['median']:.3f} | {read / poppler['wall']['median']:.2f}x" if poppler else " | ")
        out.append(f"| {w['pages']:,} | {w['format']} | {read:.3f} | {w['words'] / read:,.0f} | {extra} |")
    out += ["", "## Cost per 1,000 words (linearity)", "", "| Format | " +
            " | ".join(f"{p:,} p warm ms | {p:,} p cold ms" for p in result["config"]["sizes"]) + " |",
            "|---|" + "---:|---:|" * len(result["config"]["sizes"])]
    for fmt in result["config"]["formats"]:
        cells = []
        for pages in result["config"]["sizes"]:
            w = _find(result["warm"], pages=pages, format=fmt)
            c = _find(result["cold"], pages=pages, format=fmt)
            cells.append(f"{1000 * 1000 * w['check']['wall']['median'] / w['words']:.1f}" if w else "")
            cells.append(f"{1000 * 1000 * c['wall']['median'] / w['words']:.1f}" if c and w else "")
        out.append(f"| {fmt} | " + " | ".join(cells) + " |")
    out += ["", "## Start-up", "",
            f"* `acqspec --help`: {result['help']['wall']['median']:.3f} s (peak {result['help']['rss_mb']:.0f} MB)",
            f"* `acqspec generate {PROFILE.relative_to(ROOT)}`: {result['generate']['wall']['median']:.2f} s "
            f"(CPU {result['generate']['cpu']['median']:.2f} s, peak {result['generate']['rss_mb']:.0f} MB)"]
    folder = result.get("folder")
    if folder:
        out += ["", f"## Folder of {folder['documents']} documents ({folder['words']:,} words, md/docx/pdf)", ""]
        for key in ("jobs1", "jobs2", "serial"):
            if key in folder:
                f = folder[key]
                out.append(f"* {key}: {f['wall']['median']:.2f} s wall, {f['cpu']['median']:.2f} s CPU "
                           f"(all processes), peak {f['rss_mb']:.0f} MB (largest single process)")
        if "pending" in folder:
            out.append(f"* --jobs: pending ({folder['pending']})")
    out += ["", "Spread (max-min)/median of each measurement is in the JSON; on a shared machine trust the CPU "
            "columns more than the wall ones.", ""]
    return "\n".join(out)


def compare(before: dict, after: dict) -> str:
    """A Markdown table of the medians of two result files, side by side."""
    rows = [("acqspec --help, s (wall)", before["help"]["wall"]["median"], after["help"]["wall"]["median"]),
            ("acqspec generate, s (wall)", before["generate"]["wall"]["median"], after["generate"]["wall"]["median"])]
    for b in before["warm"]:
        a = _find(after["warm"], pages=b["pages"], format=b["format"])
        if not a:
            continue
        name = f"{b['pages']:,} p .{b['format']}"
        for phase in ("read", "extract", "check"):
            rows.append((f"warm {phase}, {name}, CPU s", b[phase]["cpu"]["median"], a[phase]["cpu"]["median"]))
        rows.append((f"warm check, {name}, words/CPU-s", b["words_per_cpu_s"], a["words_per_cpu_s"]))
    for b in before["cold"]:
        a = _find(after["cold"], pages=b["pages"], format=b["format"])
        if a:
            name = f"{b['pages']:,} p .{b['format']}"
            rows.append((f"cold check, {name}, CPU s", b["cpu"]["median"], a["cpu"]["median"]))
            rows.append((f"cold check, {name}, wall s", b["wall"]["median"], a["wall"]["median"]))
            rows.append((f"cold check, {name}, peak MB", b["rss_mb"], a["rss_mb"]))
    out = [f"| Measure | Before | After | After/Before |", "|---|---:|---:|---:|"]
    for name, x, y in rows:
        fmt = "{:,.0f}" if x >= 1000 else "{:.3f}"
        out.append(f"| {name} | {fmt.format(x)} | {fmt.format(y)} | {y / x:.2f} |" if x else f"| {name} | {x} | {y} | |")
    return "\n".join(out) + "\n"


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--compare":
        print(compare(*(json.loads(Path(p).read_text(encoding="utf-8")) for p in sys.argv[2:])), end="")
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     epilog="Also: bench_check.py --compare BEFORE.json AFTER.json")
    parser.add_argument("--quick", action="store_true", help="10 and 100 pages only, no folder benchmark")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=None,
                        help="pages, comma-separated (default 10,100,1000)")
    parser.add_argument("--formats", type=lambda s: s.split(","), default=list(make_inputs.FORMATS))
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--runs-large", type=int, default=3, help="runs at 1,000 pages (default 3)")
    parser.add_argument("--no-folder", dest="folder", action="store_false", help="skip the folder benchmark")
    parser.add_argument("--folder-size", type=int, default=200)
    parser.add_argument("--folder-runs", type=int, default=3)
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json",
                        help="JSON result (a .md with the same stem is written next to it)")
    args = parser.parse_args()
    if args.sizes is None:
        args.sizes = [10, 100] if args.quick else [10, 100, 1000]
    if args.quick:
        args.folder = False
    if not ACQSPEC.exists():
        sys.exit(f"bench_check: no acqspec next to {sys.executable}; pip install -e . first")
    result = bench(args)
    report = markdown(result)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    args.output.with_suffix(".md").write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
