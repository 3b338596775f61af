"""``smguide schema``: print the JSON Schema of a kind of file smguide reads."""

from __future__ import annotations

import json

from smguide.commands import EXIT_OK, write_out


def run(*, kind: str = "pack-file") -> int:
    from smguide.pack.schema import json_schema

    write_out(json.dumps(json_schema(kind), indent=2, ensure_ascii=False))
    return EXIT_OK
