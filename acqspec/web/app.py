"""The web workspace's FastAPI application: the Generate, Check and Library pages and the JSON API.

:func:`create_app` builds it from :class:`ServeSettings`.  Pages are Jinja2
templates (``templates/``) with htmx (vendored in ``static/``) for in-place
updates; every page also works as plain forms.  The API under ``/api/``
mirrors the CLI; its OpenAPI description is ``/api/openapi.json``.  The
protections (upload cap, bounded pool, security headers, token) are in
:mod:`acqspec.web.guard`; the work on uploads in :mod:`acqspec.web.service`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import UploadFile

from acqspec import __version__
from acqspec.errors import AcqspecError
from acqspec.web import service
from acqspec.web.guard import Guard, Jobs

log = logging.getLogger("acqspec.web")

HERE = Path(__file__).parent
HTMX = "htmx-2.0.11.min.js"
DOCUMENT_LABELS = {"sow": "SOW section", "section-l": "Section L (instructions)",
                   "section-m": "Section M (evaluation)", "qasp": "QASP (surveillance plan)"}
CHECK_FORMATS = {"json": ("application/json", ".acqspec.json"),
                 "sarif": ("application/sarif+json", ".sarif"),
                 "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".reviewed.docx")}
MAX_FORM_FILES = 4
MAX_FORM_FIELDS = 200
MAX_FIELD_BYTES = 2 * 1024 * 1024  # a profile typed into the page's text box (profiles are a few KB)


@dataclass(frozen=True)
class ServeSettings:
    """How ``acqspec serve`` runs: library, pool, caps, token and where uploads are kept while in use."""

    libraries: tuple[Path, ...] = ()
    workers: int = 2
    backlog: int | None = None
    """POST requests allowed to wait for a worker (default: 4 per worker); beyond them, 503."""
    max_upload_mb: float = 25
    auth_token: str | None = None
    temp_dir: Path | None = None
    """Parent of the per-request folders (default: the system temporary directory, ``TMPDIR``)."""
    preload: bool = True
    """Load the NLP pipeline and embeddings at start-up rather than on the first check."""
    today: dt.date | None = field(default=None, compare=False)
    """The questionnaire's "today" (tests fix it; default: the real date)."""

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)


class _Refused(Exception):
    """A page or API request refused with ``status`` and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def create_app(settings: ServeSettings | None = None) -> Guard:
    """The web workspace as an ASGI application: the FastAPI app (``.app``) inside :class:`~acqspec.web.guard.Guard`."""
    from acqspec.library.loader import load_catalog
    from acqspec.resources import default_library_dir

    settings = settings or ServeSettings()
    catalog = load_catalog(settings.libraries or (default_library_dir(),))
    jobs = Jobs(settings.workers)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=jinja2.select_autoescape(["html"]),
                             trim_blocks=True, lstrip_blocks=True)
    env.globals.update(version=__version__, htmx=HTMX, document_labels=DOCUMENT_LABELS,
                       max_upload_mb=f"{settings.max_upload_mb:g}")

    app = FastAPI(title="acqspec", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Write and check the AI requirements of U.S. federal acquisitions: the acqspec "
                              "CLI's generate, check, rules and library commands as a JSON API.")
    app.state.settings = settings
    app.state.catalog = catalog
    if settings.preload:
        from acqspec.nlp.embeddings import load_embedder
        from acqspec.nlp.pipeline import load_pipeline

        load_pipeline()
        load_embedder()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def page(name: str, request: Request, code: int = 200, headers: dict | None = None,
             **context: Any) -> HTMLResponse:
        fragment = context.pop("fragment", None)
        use_fragment = fragment and request.headers.get("hx-request") == "true"
        template = env.get_template(fragment if use_fragment else name)
        context.setdefault("active", name.split(".")[0])
        return HTMLResponse(template.render(request=request, **context), status_code=code,
                            headers=headers if use_fragment else None)

    @app.exception_handler(_Refused)
    async def refused(request: Request, exc: _Refused):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.message}, status_code=exc.status)
        return page("error.html", request, exc.status, message=exc.message, fragment="error_fragment.html")

    async def work(func, *args, **kwargs):
        """``func`` on the pool; acqspec errors become 422 with their one-line message."""
        try:
            return await jobs.run(lambda: func(*args, **kwargs))
        except service.WebInputError as exc:
            raise _Refused(422, str(exc)) from None
        except AcqspecError as exc:  # an error from below that does not name an upload
            raise _Refused(422, str(exc)) from None

    # ------------------------------------------------------------------ pages

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon():
        return Response(status_code=204)

    @app.get("/", include_in_schema=False)
    async def home():
        return RedirectResponse("/generate", status_code=303)

    @app.get("/generate", response_class=HTMLResponse, include_in_schema=False)
    async def generate_page(request: Request):
        return page("generate.html", request, form=_questionnaire({}, settings, show_problems=False), preview=None)

    @app.post("/generate/form", response_class=HTMLResponse, include_in_schema=False)
    async def generate_form(request: Request):
        form = await _form(request)
        return page("generate.html", request, form=_questionnaire(form, settings, show_problems=False),
                    preview=None, fragment="questions_oob.html")

    @app.post("/generate/preview", response_class=HTMLResponse, include_in_schema=False)
    async def generate_preview(request: Request):
        form = await _form(request)
        questionnaire = _questionnaire(form, settings)
        retarget = {"hx-retarget": "#questions", "hx-reswap": "outerHTML"}
        if questionnaire["problems"]:
            return page("generate.html", request, 422, retarget, form=questionnaire, preview=None,
                        fragment="questions.html")
        try:
            yaml_text = _profile_yaml(questionnaire["settled"])
        except _Refused as exc:
            questionnaire["summary_error"] = exc.message
            return page("generate.html", request, 422, retarget, form=questionnaire, preview=None,
                        fragment="questions.html")
        preview = await work(service.preview_profile, service.Upload("profile.yaml", yaml_text.encode()),
                             catalog, settings.temp_dir)
        return page("generate.html", request, form=questionnaire, preview=preview, fragment="preview.html")

    @app.post("/generate/profile", response_class=HTMLResponse, include_in_schema=False)
    async def generate_from_profile(request: Request):
        form = await _form(request)
        upload = await _upload(form, "profile_file") or _text_upload(form, "profile_yaml", "profile.yaml")
        if upload is None:
            raise _Refused(400, "choose a profile YAML file to upload (or type one)")
        try:
            preview = await work(service.preview_profile, upload, catalog, settings.temp_dir)
        except _Refused as exc:
            if request.headers.get("hx-request") != "true":
                raise
            return page("generate.html", request, exc.status, form=None, preview=None, error=exc.message,
                        fragment="preview.html")
        return page("generate.html", request, form=_questionnaire({}, settings, show_problems=False), preview=preview,
                    fragment="preview.html")

    @app.post("/generate/download", include_in_schema=False)
    async def generate_download(request: Request):
        form = await _form(request)
        document, _, fmt = str(form.get("target", "sow.docx")).partition(".")
        upload = _text_upload(form, "profile_yaml", "profile.yaml")
        if upload is None:
            raise _Refused(400, "the profile is missing; fill in the questionnaire first")
        if document == "profile":
            preview = await work(service.preview_profile, upload, catalog, settings.temp_dir)  # valid first
            return _attachment(preview.profile_yaml.encode(), "application/yaml",
                               f"{_slug(preview.title)}.yaml")
        _check_choice(document, DOCUMENT_LABELS, "document")
        _check_choice(fmt, ("docx", "md", "json"), "format")
        download = await work(service.generate_document, upload, catalog, document=document, fmt=fmt,
                              base=settings.temp_dir)
        return _attachment(download.payload, download.media_type, download.filename)

    @app.get("/check", response_class=HTMLResponse, include_in_schema=False)
    async def check_page(request: Request):
        return page("check.html", request, outcome=None)

    @app.post("/check", response_class=HTMLResponse, include_in_schema=False)
    async def check_submit(request: Request):
        form = await _form(request)
        check_request = await _check_request(form)
        try:
            outcome = await work(service.check_upload, check_request, catalog, formats=(),
                                 base=settings.temp_dir)
        except _Refused as exc:
            return page("check.html", request, exc.status, outcome=None, error=exc.message,
                        fragment="results.html")
        return page("check.html", request, outcome=_outcome_view(outcome.result, check_request),
                    fragment="results.html")

    @app.post("/check/download", include_in_schema=False)
    async def check_download(request: Request, format: str = "json"):
        _check_choice(format, CHECK_FORMATS, "format")
        form = await _form(request)
        check_request = await _check_request(form)
        outcome = await work(service.check_upload, check_request, catalog, formats=(format,),
                             base=settings.temp_dir)
        media_type, suffix = CHECK_FORMATS[format]
        return _attachment(outcome.reports[format], media_type,
                           Path(check_request.document.safe_name).stem + suffix)

    @app.get("/library", response_class=HTMLResponse, include_in_schema=False)
    async def library_page(request: Request, q: str = "", topic: str = "", authority: str = "",
                           status: str = ""):
        from acqspec import vocab

        rows = _clause_rows(catalog, q=q, topic=topic, authority=authority, status=status)
        authorities = sorted(catalog.authorities)
        return page("library.html", request, rows=rows, q=q, topic=topic, authority=authority, status=status,
                    topics=vocab.TOPICS, authorities=authorities, total=len(catalog.records))

    @app.get("/library/clauses/{clause_id}", response_class=HTMLResponse, include_in_schema=False)
    async def clause_page(request: Request, clause_id: str):
        from acqspec import vocab

        view = _clause_view(catalog, clause_id)
        return page("clause.html", request, clause=view, topic=vocab.TOPICS[view["topic"]], active="library",
                    history=_history(catalog, clause_id))

    @app.get("/library/authorities", response_class=HTMLResponse, include_in_schema=False)
    async def authorities_page(request: Request):
        return page("authorities.html", request, authorities=_authorities(catalog), active="library")

    # ------------------------------------------------------------------ API

    @app.post("/api/generate", tags=["generate"], summary="Generate a document from a profile",
              response_class=Response, openapi_extra=_GENERATE_OPENAPI)
    async def api_generate(request: Request, document: str = Query("sow", json_schema_extra={"enum": list(DOCUMENT_LABELS)}),
                           format: str = Query("docx", json_schema_extra={"enum": ["docx", "md", "json"]})):
        """The SOW section, Section L, Section M or the QASP for an acquisition profile (``acqspec generate``).

        Send the profile as the multipart field ``profile`` (YAML) or as a JSON body.
        A bad profile is a 422 whose ``error`` is ``NAME:LINE: field: message``.
        """
        _check_choice(document, DOCUMENT_LABELS, "document")
        _check_choice(format, ("docx", "md", "json"), "format")
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/json":
            body = await request.body()
            upload = service.Upload("profile.json", _json_profile_as_yaml(body))
        else:
            form = await _form(request)
            upload = await _upload(form, "profile")
            if upload is None:
                raise _Refused(400, "send the profile as the multipart field 'profile' or as a JSON body")
        download = await work(service.generate_document, upload, catalog, document=document, fmt=format,
                              base=settings.temp_dir)
        response = _attachment(download.payload, download.media_type, download.filename)
        response.headers["x-acqspec-summary"] = download.summary
        return response

    @app.post("/api/check", tags=["check"], summary="Check a document", response_class=Response,
              openapi_extra=_CHECK_OPENAPI)
    async def api_check(request: Request, format: str = Query("json", json_schema_extra={"enum": list(CHECK_FORMATS)})):
        """Findings for a draft SOW or proposal (``acqspec check``): JSON, SARIF or the reviewed .docx.

        Multipart fields: ``document`` (.docx/.pdf/.md/.txt), and optionally
        ``profile`` or ``sow`` (the baseline) and ``waivers``.  A document that
        cannot be read (encrypted, zip bomb, XXE...) is a 422 with the reason.
        """
        _check_choice(format, CHECK_FORMATS, "format")
        form = await _form(request)
        check_request = await _check_request(form)
        outcome = await work(service.check_upload, check_request, catalog, formats=(format,),
                             base=settings.temp_dir)
        media_type, suffix = CHECK_FORMATS[format]
        if format == "docx":
            return _attachment(outcome.reports["docx"], media_type,
                               Path(check_request.document.safe_name).stem + suffix)
        return Response(outcome.reports[format], media_type=media_type)

    @app.get("/api/rules", tags=["rules"], summary="The checker's rules")
    async def api_rules() -> list[dict]:
        """Every rule with its code, name, severity, family and documentation (``acqspec rules --format json``)."""
        from acqspec.check.registry import rule_infos

        return [info.model_dump() for info in rule_infos()]

    @app.get("/api/rules/{code}", tags=["rules"], summary="One rule's documentation")
    async def api_rule(code: str) -> dict:
        """One rule (``acqspec rules CODE --format json``); 404 for an unknown code."""
        return _rule(code).model_dump()

    @app.get("/api/clauses", tags=["library"], summary="The clauses of the library")
    async def api_clauses(q: str = "", topic: str = "", authority: str = "", status: str = "") -> list[dict]:
        """The clauses (``acqspec library list --format json``), filtered by text, topic, authority or status."""
        return _clause_rows(catalog, q=q, topic=topic, authority=authority, status=status)

    @app.get("/api/clauses/{clause_id}", tags=["library"], summary="One clause")
    async def api_clause(clause_id: str) -> dict:
        """One clause with defaults filled in (``acqspec library show ID --format json``)."""
        return {**_clause_view(catalog, clause_id), "history": _history(catalog, clause_id)}

    @app.get("/api/authorities", tags=["library"], summary="The authority registry")
    async def api_authorities() -> list[dict]:
        """The authority registry (``acqspec library authorities --format json``)."""
        return [a.model_dump(mode="json", exclude_none=True) for a in
                sorted((r.authority for r in catalog.authorities.values()), key=lambda a: a.id)]

    @app.exception_handler(404)
    async def not_found(request: Request, exc):
        message = getattr(exc, "detail", None) or "not found"
        if message == "Not Found":
            message = f"nothing at {request.url.path}"
        raise_as = _Refused(404, str(message))
        return await refused(request, raise_as)

    backlog = settings.backlog if settings.backlog is not None else 4 * settings.workers
    return Guard(app, max_upload_bytes=settings.max_upload_bytes, capacity=settings.workers + backlog,
                 auth_token=settings.auth_token)


# ---------------------------------------------------------------------- helpers

async def _form(request: Request):
    try:
        return await request.form(max_files=MAX_FORM_FILES, max_fields=MAX_FORM_FIELDS,
                                  max_part_size=MAX_FIELD_BYTES)
    except HTTPException as exc:
        if exc.status_code == 413:
            raise
        raise _Refused(400, f"the form could not be read: {exc.detail}") from None


async def _upload(form, name: str) -> service.Upload | None:
    value = form.get(name)
    if isinstance(value, UploadFile):
        data = await value.read()
        await value.close()
        if not value.filename and not data:
            return None  # an empty file input
        return service.Upload(value.filename or name, data)
    if isinstance(value, str) and value:
        raise _Refused(400, f"the field '{name}' must be a file upload")
    return None


def _text_upload(form, name: str, filename: str) -> service.Upload | None:
    value = form.get(name)
    if isinstance(value, str) and value.strip():
        return service.Upload(filename, value.encode("utf-8"))
    return None


async def _check_request(form) -> service.CheckRequest:
    document = await _upload(form, "document")
    if document is None:
        raise _Refused(400, "choose a document to check (.docx, .pdf, .md or .txt)")
    return service.CheckRequest(document, profile=await _upload(form, "profile"), sow=await _upload(form, "sow"),
                                waivers=await _upload(form, "waivers"))


def _check_choice(value: str, allowed, what: str) -> None:
    if value not in allowed:
        raise _Refused(400, f"unknown {what} {value!r}; choose from {', '.join(allowed)}")


def _attachment(payload: bytes, media_type: str, filename: str) -> Response:
    return Response(payload, media_type=media_type,
                    headers={"content-disposition": f'attachment; filename="{filename}"'})


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "profile"


def _json_profile_as_yaml(body: bytes) -> bytes:
    """A JSON profile as the YAML the profile loader reads (JSON is YAML; a bad one is refused here)."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _Refused(400, f"the JSON body is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise _Refused(422, "profile.json: a profile must be a JSON object")
    return json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8")


def _profile_yaml(settled) -> str:
    from pydantic import ValidationError

    from acqspec.generate.profile import profile_from_answers, profile_to_yaml

    try:
        return profile_to_yaml(profile_from_answers(settled.answers))
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise _Refused(422, f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None


def _questionnaire(form, settings: ServeSettings, *, show_problems: bool = True) -> dict[str, Any]:
    """The form's questions with their current values, defaults that follow the answers, and problems.

    A field that still holds the default the page last showed for it (sent back as
    ``default__NAME``) counts as not answered, so its default follows the other answers.
    """
    from acqspec.generate.profile import QUESTIONS, settle_answers

    today = settings.today or dt.date.today()
    given: dict[str, Any] = {}
    for q in QUESTIONS:
        value = form.get(q.name)
        if not isinstance(value, str):
            continue
        if value == form.get(f"default__{q.name}"):
            continue
        given[q.name] = value
    settled = settle_answers(given, today)
    questions = []
    for q in QUESTIONS:
        if q.name in settled.answers:
            value = settled.answers[q.name]
        else:
            value = given.get(q.name, "")
        default = q.default(settled.answers, today) if q.default and q.name not in settled.forced else None
        shown_default = _shown(default) if default is not None else ""
        forced_why = settled.forced.get(q.name)
        changed = (shown_default != form.get(f"default__{q.name}", shown_default)
                   or (forced_why or "") != form.get(f"forced__{q.name}", forced_why or ""))
        problem = settled.problems.get(q.name) if q.name in given or (show_problems and q.default is None) else None
        # A date is shown back as understood, and a refused answer with its reason, once the field is left.
        changed = (changed or (q.kind == "date" and q.name in given)
                   or (problem is not None) != bool(form.get(f"problem__{q.name}")))
        questions.append({
            "q": q, "changed": changed, "value": _shown(value), "default": shown_default, "forced": forced_why,
            "problem": problem,
            "understood": f"{value:%A %d %B %Y}" if isinstance(value, dt.date) and q.kind == "date" else None,
        })
    problems = {name: why for name, why in settled.problems.items()} if show_problems else {}
    return {"questions": questions, "problems": problems, "settled": settled, "summary_error": None}


def _shown(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _rule(code: str):
    from acqspec.check.registry import get_rule

    rule = get_rule(code)
    if rule is None:
        raise _Refused(404, f"no rule {code!r}; GET /api/rules lists them")
    return rule.info()


def _clause_rows(catalog, *, q: str, topic: str, authority: str, status: str) -> list[dict]:
    from acqspec import vocab
    from acqspec.library import views

    if topic and topic not in vocab.TOPICS:
        raise _Refused(400, f"unknown topic {topic!r}; choose from {', '.join(vocab.TOPICS)}")
    if status and status not in vocab.CLAUSE_STATUSES:
        raise _Refused(400, f"unknown status {status!r}; choose from {', '.join(vocab.CLAUSE_STATUSES)}")
    words = q.lower().split()
    rows = []
    for clause in catalog.clauses():
        if topic and clause.topic != topic or status and clause.status != status:
            continue
        if authority and not any(a.authority == authority for a in clause.authorities):
            continue
        if words:
            haystack = " ".join([clause.id, clause.title, clause.purpose, clause.text,
                                 *(o.statement for o in clause.obligations)]).lower()
            if not all(word in haystack for word in words):
                continue
        rows.append(views.list_row(catalog, clause))
    for row in rows:
        row.pop("path", None)  # where the server keeps its files is not the user's business
    return rows


def _clause_view(catalog, clause_id: str) -> dict:
    from acqspec.library import views

    clause = catalog.get(clause_id)
    if clause is None:
        raise _Refused(404, f"no clause {clause_id!r} in the library")
    view = views.clause_view(catalog, clause)
    view.pop("path", None)
    return view


def _history(catalog, clause_id: str) -> list[dict]:
    """The versions of a clause the layered library knows: overlays' replaced versions, then the effective one."""
    versions = [{"version": r.clause.version, "status": r.clause.status, "layer": r.layer + 1,
                 "effective": r.clause.effective.start.isoformat(), "current": False}
                for r in catalog.replaced if r.clause.id == clause_id]
    record = catalog.records[clause_id]
    versions.append({"version": record.clause.version, "status": record.clause.status, "layer": record.layer + 1,
                     "effective": record.clause.effective.start.isoformat(), "current": True})
    return sorted(versions, key=lambda v: v["version"])


def _authorities(catalog) -> list[dict]:
    entries = sorted((r.authority for r in catalog.authorities.values()), key=lambda a: a.id)
    result = []
    for a in entries:
        successor = catalog.current_successor(a.id) if a.status != "in_force" else None
        result.append({**a.model_dump(mode="json"), "current": successor.id if successor else None,
                       "chain": [x.id for x in catalog.successor_chain(a.id)]})
    return result


def _outcome_view(result, request: service.CheckRequest) -> dict[str, Any]:
    """A check result as the results page shows it: findings grouped by section, in document order."""
    rules = {r.code: r for r in result.rules}
    groups: list[dict] = []
    by_key: dict[tuple, dict] = {}
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in result.findings:
        counts[finding.severity] += 1
        loc = finding.location
        if loc.section_label or loc.section_title:
            key = (loc.section_label, loc.section_title)
            title = " ".join(x for x in key if x)
        elif loc.block is None:
            key, title = ("",), "The whole document"
        else:
            key, title = ("~",), "Before the first section"
        group = by_key.get(key)
        if group is None:
            group = by_key[key] = {"title": title, "findings": []}
            groups.append(group)
        group["findings"].append({"f": finding, "rule": rules.get(finding.code),
                                  "place": loc.place()})
    baseline = result.baseline
    return {"groups": groups, "counts": counts, "total": len(result.findings),
            "suppressed": len(result.suppressed), "words": result.words, "baseline": baseline,
            "document": request.document.safe_name, "warnings": list(result.warnings),
            "coverage": _coverage_counts(result.coverage)}


def _coverage_counts(coverage: Sequence) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in coverage:
        counts[item.status] = counts.get(item.status, 0) + 1
    return dict(sorted(counts.items()))


_GENERATE_OPENAPI = {"requestBody": {"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "required": ["profile"], "properties": {
        "profile": {"type": "string", "format": "binary", "description": "The acquisition profile (YAML)."}}}},
    "application/json": {"schema": {"type": "object", "description": "The acquisition profile as JSON."}}}},
    "responses": {"200": {"description": "The document", "content": {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {},
        "text/markdown": {}, "application/json": {}}},
        "422": {"description": "The profile is invalid: {\"error\": \"profile.yaml:4: field: message\"}"}}}
_CHECK_OPENAPI = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["document"], "properties": {
        "document": {"type": "string", "format": "binary", "description": "A .docx, .pdf, .md or .txt document."},
        "profile": {"type": "string", "format": "binary", "description": "Baseline: an acquisition profile."},
        "sow": {"type": "string", "format": "binary", "description": "Baseline: the SOW a proposal answers."},
        "waivers": {"type": "string", "format": "binary", "description": "A waiver file."}}}}}},
    "responses": {"200": {"description": "The report (JSON findings, SARIF, or the reviewed .docx)"},
                  "413": {"description": "The upload is over the server's limit"},
                  "422": {"description": "The document or a baseline could not be read"},
                  "503": {"description": "All workers are busy; retry after Retry-After seconds"}}}
