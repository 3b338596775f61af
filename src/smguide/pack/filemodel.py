"""The pydantic base of the files smguide reads besides rule packs (scenarios,
reflections): strict about keys, and remembering where the file put them. (A rule
pack's models are plain classes: :mod:`smguide.pack.models`.)"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, PrivateAttr

from smguide.errors import Location


class FileModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, populate_by_name=True)
    _location: Location | None = PrivateAttr(default=None)

    @property
    def location(self) -> Location | None:
        return self._location
