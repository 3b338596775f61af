"""The Starlette application: routes over the interview, report and render functions.

Stateless: everything a request needs is in it (the answers as form fields or JSON),
so any number of workers can serve it. The handlers are ``async`` and do their work
without awaiting once the body is read: the language (a context variable) is set per
request, and the engine's ~10 ms run on the event loop beat a thread hop.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from smguide import i18n
from smguide.pack.models import Pack
from smguide.web import api, outputs, pages
from smguide.web.forms import BadInput, Form, accepted_language, language, parse_form
from smguide.web.security import MAX_BODY, Guard

HTML = "text/html; charset=utf-8"
Handler = Callable[[Request], Awaitable[Response]]


async def read_body(request: Request) -> bytes:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:  # no Content-Length: counted as it arrives
            raise BadInput("body", f"the request body is at most {MAX_BODY} bytes", 413)
    return body


def _html(text: str, status: int = 200) -> Response:
    return Response(text, status_code=status, media_type=HTML)


def _download(text: str, fmt: str) -> Response:
    ext, media = outputs.RECORDS[fmt]
    return Response(text.encode("utf-8"), media_type=media, headers={
        "content-disposition": f'attachment; filename="smguide-decision{ext}"'})


def create_app(pack: Pack, hosts: frozenset[str]) -> Guard:
    """The application for ``pack``, answering only to the Host names ``hosts``."""
    css = (resources.files("smguide.web").joinpath("static", "smguide.css")
           .read_text(encoding="utf-8"))
    openapi = api.dumps(_openapi(pack))

    def page(handler: Callable[[Form, str], Response]) -> Handler:
        """A form page: the body read and checked, the language set; a bad form is a
        400 page naming the field."""
        async def run(request: Request) -> Response:
            accept = request.headers.get("accept-language", "")
            try:
                body = await read_body(request)
                form = parse_form(body, request.headers.get("content-type", ""), pack)
                lang = language(form.fields, accept)
                i18n.set_language(lang)
                return handler(form, lang)
            except BadInput as problem:
                i18n.set_language(accepted_language(accept))
                return _html(pages.error(i18n.current(), problem), problem.status)
            finally:
                outputs.forget(pack)
        return run

    def interview(form: Form, lang: str) -> Response:
        return _html(pages.interview(pack, form, lang))

    def answer(form: Form, lang: str) -> Response:
        report = outputs.report_for(pack, form.answers)
        return _html(pages.answer(report, form.answers, lang))

    def reflect(form: Form, lang: str) -> Response:
        report = outputs.report_for(pack, form.answers)
        return _html(pages.reflect(pack, report, form, lang))

    def otherwise(form: Form, lang: str) -> Response:
        report = outputs.report_for(pack, form.answers)
        return _html(pages.otherwise(pack, report, form, lang))

    def record(form: Form, _lang: str) -> Response:
        from smguide.web import otherwise, reflection

        fmt = form.get("format")
        if fmt not in outputs.RECORDS:
            raise BadInput("format", "choose one of: md, html, json")
        report = outputs.report_for(pack, form.answers)
        decision, answers = report.decision, form.answers
        reflected = reflection.from_fields(pack, decision, answers,
                                           reflection.fields_of(form.fields))
        act = otherwise.from_fields(pack, decision, answers, otherwise.fields_of(form.fields))
        return _download(outputs.record(report, fmt, reflected, act), fmt)

    async def start(request: Request) -> Response:
        wanted = request.query_params.get("lang", "")
        lang = wanted if wanted in i18n.LANGUAGES else accepted_language(
            request.headers.get("accept-language", ""))
        i18n.set_language(lang)
        return _html(pages.start(pack, lang))

    async def to_start(request: Request) -> Response:
        return RedirectResponse("/", status_code=303)

    async def stylesheet(request: Request) -> Response:
        return Response(css, media_type="text/css; charset=utf-8",
                        headers={"cache-control": "public, max-age=3600"})

    async def no_icon(request: Request) -> Response:
        return Response(status_code=204, headers={"cache-control": "public, max-age=86400"})

    def json_api(handler: Callable[[dict[str, object], str], Response]) -> Handler:
        async def run(request: Request) -> Response:
            try:
                body = await read_body(request)
                data = api.parse_body(body, request.headers.get("content-type", ""))
                lang = api.lang_of(data, accepted_language(
                    request.headers.get("accept-language", "")))
                i18n.set_language(lang)
                return handler(data, request.path_params.get("format", ""))
            except BadInput as problem:
                return _error(problem)
            finally:
                outputs.forget(pack)
        return run

    def decide(data: dict[str, object], _fmt: str) -> Response:
        report = outputs.report_for(pack, api.answers_of(pack, data))
        out = outputs.decision_json(report)
        out["card"] = api.card(report)
        return Response(api.dumps(out), media_type="application/json")

    def api_record(data: dict[str, object], fmt: str) -> Response:
        if fmt not in outputs.RECORDS:
            raise BadInput("format", "choose one of: md, html, json", 404)
        report = outputs.report_for(pack, api.answers_of(pack, data))
        return _download(outputs.record(report, fmt), fmt)

    async def questions(request: Request) -> Response:
        from smguide.render.json import questions as questions_json

        i18n.set_language(accepted_language(request.headers.get("accept-language", "")))
        return Response(questions_json(pack), media_type="application/json")

    async def openapi_json(request: Request) -> Response:
        return Response(openapi, media_type="application/json")

    routes = [
        Route("/", start, methods=["GET"]),
        Route("/interview", page(interview), methods=["POST"]),
        Route("/interview", to_start, methods=["GET"]),
        Route("/answer", page(answer), methods=["POST"]),
        Route("/answer", to_start, methods=["GET"]),
        Route("/reflect", page(reflect), methods=["POST"]),
        Route("/reflect", to_start, methods=["GET"]),
        Route("/otherwise", page(otherwise), methods=["POST"]),
        Route("/otherwise", to_start, methods=["GET"]),
        Route("/record", page(record), methods=["POST"]),
        Route("/static/smguide.css", stylesheet, methods=["GET"]),
        Route("/favicon.ico", no_icon, methods=["GET"]),
        Route(f"{api.PREFIX}/questions", questions, methods=["GET"]),
        Route(f"{api.PREFIX}/decide", json_api(decide), methods=["POST"]),
        Route(f"{api.PREFIX}/record/{{format}}", json_api(api_record), methods=["POST"]),
        Route(f"{api.PREFIX}/openapi.json", openapi_json, methods=["GET"]),
    ]
    app = Starlette(routes=routes, exception_handlers={
        404: _not_found, 405: _not_allowed, 500: _server_error})
    return Guard(app, hosts)


# Collections of the youngest objects come a tenth as often: a request makes thousands
# of short-lived ones, and the pack and templates are out of the collector's sight.
YOUNG_THRESHOLD = 7000


def warm(pack: Pack) -> None:
    """Compile the templates and import what a decision needs before the first visitor
    comes (the first answer page would otherwise take half a second more); then move
    what lives as long as the server (the pack, the templates, the modules) out of the
    garbage collector's sight (``gc.freeze``), as the pack cache does for a large pack:
    each collection would walk it again, a few milliseconds now and then in a request."""
    import gc

    before = i18n.current()
    for lang in i18n.LANGUAGES:
        i18n.set_language(lang)
        pages.start(pack, lang)
        answers = {q.id: q.option_ids[0] for q in pack.questions[:1]}
        pages.answer(outputs.report_for(pack, answers), answers, lang)
    i18n.set_language(before)
    outputs.forget(pack)
    from smguide.render.html import environment

    templates = environment()
    for name in templates.list_templates(filter_func=lambda n: n.startswith("web/")):
        templates.get_template(name)  # the checklist and reflection pages too
    templates.get_template("decision.html.j2")  # the printable record
    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(max(_young, YOUNG_THRESHOLD), middle, old)


def _openapi(pack: Pack) -> dict[str, object]:
    from smguide.web.openapi import document

    return document(pack)


def _error(problem: BadInput) -> Response:
    return JSONResponse({"error": {"field": problem.field, "message": problem.message}},
                        status_code=problem.status)


async def _not_found(request: Request, exc: Exception) -> Response:
    if request.url.path.startswith(api.PREFIX):
        return _error(BadInput("path", f"no such endpoint: {request.url.path}", 404))
    return Response("smguide: no such page\n", status_code=404, media_type="text/plain")


async def _not_allowed(request: Request, exc: Exception) -> Response:
    return _error(BadInput("method", f"{request.method} is not allowed here", 405))


async def _server_error(request: Request, exc: Exception) -> Response:
    # A bug in smguide: the log has the traceback, the client one plain line.
    return Response("smguide: internal error\n", status_code=500, media_type="text/plain")
