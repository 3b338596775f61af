"""The OpenAPI 3.1 document of the API, with the pack's own questions and options as the
schema of ``answers`` (so a client's validator knows every id)."""

from __future__ import annotations

from typing import Any

import smguide
from smguide.pack.answers import valid_answers
from smguide.pack.models import Pack


def _answers_schema(pack: Pack) -> dict[str, Any]:
    return {
        "type": "object",
        "description": "question id -> option id ('unsure' where offered); "
                       "questions left out count as not sure",
        "additionalProperties": False,
        "properties": {q.id: {"type": "string", "enum": valid_answers(q),
                              "description": str(q.text)} for q in pack.questions},
    }


ERROR = {"type": "object", "required": ["error"], "properties": {"error": {
    "type": "object", "required": ["field", "message"],
    "properties": {"field": {"type": "string"}, "message": {"type": "string"}}}}}


def _errors() -> dict[str, Any]:
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    return {str(code): {"description": what, "content": body} for code, what in (
        (400, "the body is not JSON, or not UTF-8"),
        (413, "the body is too large"),
        (415, "the body is not application/json"),
        (422, "an unknown question or option, or a wrong type; 'field' names it"))}


def document(pack: Pack) -> dict[str, Any]:
    request = {"required": True, "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/DecideRequest"}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "smguide API", "version": smguide.__version__,
                 "description": "Ethical decision support for contacting clients by text, "
                                "e-mail or social media. Nothing sent is stored."},
        "paths": {
            "/api/v1/questions": {"get": {
                "summary": "The questions, their options and when each is asked",
                "responses": {"200": {"description": "the same JSON as "
                                                     "'smguide questions --format json'"}}}},
            "/api/v1/decide": {"post": {
                "summary": "A recommendation for the answers given",
                "requestBody": request,
                "responses": {"200": {
                    "description": "the same JSON as 'smguide decide --format json', with "
                                   "a short card",
                    "content": {"application/json": {"schema": {
                        "$ref": "#/components/schemas/Decision"}}}}, **_errors()}}},
            "/api/v1/record/{format}": {"post": {
                "summary": "The decision record, as 'smguide decide --record' writes it "
                           "(md, json) or the printable case-file page (html)",
                "parameters": [{"name": "format", "in": "path", "required": True,
                                "schema": {"type": "string", "enum": ["md", "html", "json"]}}],
                "requestBody": request,
                "responses": {"200": {"description": "the record, as a download"},
                              **_errors()}}},
        },
        "components": {"schemas": {
            "DecideRequest": {"type": "object", "additionalProperties": False,
                              "properties": {"answers": _answers_schema(pack),
                                             "lang": {"type": "string", "enum": ["en", "fr"]}}},
            "Card": {"type": "object", "required": ["summary", "indicator", "source_labels",
                                                    "links"],
                     "properties": {
                         "summary": {"type": "string", "maxLength": 140},
                         "indicator": {"type": "string",
                                       "enum": ["info", "warning", "critical"]},
                         "source_labels": {"type": "array", "items": {"type": "string"}},
                         "links": {"type": "array", "items": {"type": "object"}}}},
            "Decision": {"type": "object", "required": ["schema", "verdict", "card"],
                         "description": "schema smguide.decision/1 (docs/cli.md)",
                         "properties": {"schema": {"const": "smguide.decision/1"},
                                        "verdict": {"type": "string"},
                                        "card": {"$ref": "#/components/schemas/Card"}}},
            "Error": ERROR,
        }},
    }
