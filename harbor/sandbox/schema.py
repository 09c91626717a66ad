"""JSON that satisfies a JSON schema, filled from a judgement of the post.

`fill(schema, judgement, text)` walks any schema the way a structured-output model must
honour it: objects (every property, nothing extra), `$ref`/`$defs`, anyOf/oneOf/allOf,
enums and consts, integers and numbers within their bounds, strings within their
lengths, arrays within their item counts. Properties named like the scoring dimensions
take the judgement's values; anything else is derived from the text, deterministically.
`violate` returns a value that breaks the schema (for the `invalid_output` fault).
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
from typing import Any

from harbor.sandbox.assess import Judgement
from harbor.sandbox.ids import stable_int

__all__ = ["fill", "violate"]

_WORD = re.compile(r"[A-Za-z][A-Za-z']{3,}")
_MAX_DEPTH = 12


class _Filler:
    def __init__(self, root: dict[str, Any], judgement: Judgement, text: str) -> None:
        self.root = root
        self.known = judgement.as_dict()
        self.text = text
        self.words = _WORD.findall(text)[:40] or ["post"]

    def resolve(self, schema: Any) -> dict[str, Any]:
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema and seen < _MAX_DEPTH:
            target: Any = self.root
            for part in str(schema["$ref"]).lstrip("#").strip("/").split("/"):
                if part:
                    target = target.get(part.replace("~1", "/").replace("~0", "~"), {})
            extra = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**target, **extra} if extra else target
            seen += 1
        return schema if isinstance(schema, dict) else {}

    def value(self, schema: Any, name: str, depth: int = 0) -> Any:
        schema = self.resolve(schema)
        if depth > _MAX_DEPTH:
            return None
        if "const" in schema:
            return schema["const"]
        if schema.get("enum"):
            return self.choose(schema["enum"], name)
        for key in ("anyOf", "oneOf"):
            if schema.get(key):
                branches = [self.resolve(b) for b in schema[key]]
                usable = [b for b in branches if b.get("type") != "null"] or branches
                return self.value(usable[0], name, depth + 1)
        if schema.get("allOf"):
            merged: dict[str, Any] = {}
            for branch in schema["allOf"]:
                part = self.resolve(branch)
                props = {**merged.get("properties", {}), **part.get("properties", {})}
                required = [*merged.get("required", []), *part.get("required", [])]
                merged = {**merged, **part, "properties": props, "required": required}
            rest = {k: v for k, v in schema.items() if k != "allOf"}
            return self.value({**merged, **rest}, name, depth + 1)
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind is None:
            kind = (
                "object" if "properties" in schema else "array" if "items" in schema else "string"
            )
        if kind == "object":
            props = schema.get("properties", {})
            return {key: self.value(sub, key, depth + 1) for key, sub in props.items()}
        if kind == "array":
            return self.array(schema, name, depth)
        if kind in ("integer", "number"):
            return self.number(schema, name, kind == "integer")
        if kind == "boolean":
            if "problem" in name or "pain" in name:
                return int(self.known.get("pain_intensity", 0)) >= 5
            return stable_int(self.text, name) % 2 == 0
        if kind == "null":
            return None
        return self.string(schema, name)

    def choose(self, options: list[Any], name: str) -> Any:
        wanted = self.known.get(name)
        if wanted in options:
            return wanted
        if name == "category" and "other" in options:
            return "other"
        return options[stable_int(self.text, name) % len(options)]

    def number(self, schema: dict[str, Any], name: str, integer: bool) -> int | float:
        step = 1 if integer else 1e-6
        low = _bound(schema, "minimum", "exclusiveMinimum", step)
        high = _bound(schema, "maximum", "exclusiveMaximum", -step)
        low = 0 if low is None else low
        high = max(low, 10) if high is None else high
        raw = self.known.get(name)
        if not isinstance(raw, int | float) or isinstance(raw, bool):
            raw = low + stable_int(self.text, name) % 1001 / 1000 * (high - low)
        value = min(max(raw, low), high)
        if integer:
            return int(min(max(round(value), math.ceil(low)), math.floor(high)))
        return float(value)

    def string(self, schema: dict[str, Any], name: str) -> str:
        fmt = schema.get("format")
        if fmt == "date-time":
            text = "2026-01-01T00:00:00Z"
        elif fmt == "date":
            text = dt.date(2026, 1, 1).isoformat()
        elif fmt == "email":
            text = "someone@example.com"
        elif fmt in ("uri", "url"):
            text = "https://example.com/"
        elif isinstance(self.known.get(name), str):
            text = str(self.known[name])
        else:
            start = stable_int(self.text, name) % len(self.words)
            text = " ".join(self.words[start : start + 6]) or name
        minimum = int(schema.get("minLength", 0))
        maximum = schema.get("maxLength")
        if len(text) < minimum:
            text = text + "." * (minimum - len(text))
        if maximum is not None:
            text = text[: int(maximum)]
        return text

    def array(self, schema: dict[str, Any], name: str, depth: int) -> list[Any]:
        minimum = int(schema.get("minItems", 0))
        maximum = schema.get("maxItems")
        size = max(minimum, 2)
        if maximum is not None:
            size = min(size, int(maximum))
        items = schema.get("items", {})
        if isinstance(items, list):  # draft-04 tuple form
            return [self.value(s, f"{name}{i}", depth + 1) for i, s in enumerate(items)]
        values = [self.value(items, f"{name}{i}", depth + 1) for i in range(size)]
        if schema.get("uniqueItems") and len({repr(v) for v in values}) < len(values):
            values = values[:1] if minimum <= 1 else values
        return values


def _bound(schema: dict[str, Any], inclusive: str, exclusive: str, step: float) -> float | None:
    value = schema.get(inclusive)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    value = schema.get(exclusive)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value + step
    return None


def fill(schema: dict[str, Any], judgement: Judgement, text: str) -> Any:
    """A value valid against `schema`, from the judgement and the post text."""
    return _Filler(schema, judgement, text).value(schema, "")


def violate(schema: dict[str, Any], value: Any) -> Any:
    """A copy of a valid `value` that breaks `schema`: a score of 42, or a missing field."""
    broken = copy.deepcopy(value)
    filler = _Filler(schema, Judgement(0, 0, 0, 0, 0, "other", "", ""), "")
    root = filler.resolve(schema)
    if isinstance(broken, dict):
        props = root.get("properties", {})
        for key in broken:
            sub = filler.resolve(props.get(key, {}))
            if sub.get("type") in ("integer", "number"):
                broken[key] = max(42, int(sub.get("maximum", 0)) + 32)
                return broken
        for key in root.get("required", []) or list(broken):
            broken.pop(key, None)
            return broken
        broken["unexpected_field"] = True
        return broken
    return {"not": "what the schema asked for"}
