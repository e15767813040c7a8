"""The base of every bank model: unknown keys are errors, aliases and field names both accepted."""

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
