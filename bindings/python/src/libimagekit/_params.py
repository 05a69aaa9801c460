"""Keyword parameters of the generated methods: only those the caller gave are sent."""

from __future__ import annotations

from typing import Any, Dict, Tuple


class NotGiven:
    """The default of an optional parameter: left out of the request (`None` sends JSON null)."""

    _instance: "NotGiven | None" = None

    def __new__(cls) -> "NotGiven":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()


def given(pairs: Tuple[Tuple[str, Any], ...]) -> Dict[str, Any]:
    """The (API name, value) pairs whose value was given, in table order."""
    return {name: value for name, value in pairs if value is not NOT_GIVEN}
