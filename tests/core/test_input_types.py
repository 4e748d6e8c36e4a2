"""Input is strict and text is clean on every request body, as one rule for the whole API.

The first test walks every request model so that a new field typed plainly (`int`, `str`, `date`)
fails here rather than accepting `true` as a number or a control character as a name.
"""

import types
import typing
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, get_args, get_origin

import pytest
from pydantic import BeforeValidator, Strict
from pydantic.fields import FieldInfo

import app.main  # noqa: F401  (imports every domain's schemas)
from app.core import schemas
from app.core.schemas import RequestBody, ResponseBody

# Compared with what was issued and never stored as typed, so kept byte for byte.
SECRETS = {
    "LogoutRequest.refresh_token",
    "PasswordChange.current_password",
    "PasswordChange.new_password",
    "PasswordReset.new_password",
    "UserCreate.password",
}


def _request_models() -> list[type[RequestBody]]:
    found: list[type[RequestBody]] = []
    todo = list(RequestBody.__subclasses__())
    while todo:
        model = todo.pop()
        found.append(model)
        todo.extend(model.__subclasses__())
    return found


def _leaves(annotation: Any, metadata: tuple[Any, ...]) -> typing.Iterator[tuple[Any, tuple]]:
    """(leaf type, metadata gathered on the way) for each type a field can take."""
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *extra = get_args(annotation)
        # A Field(...) inside Annotated carries its constraints in its own metadata.
        flat = [m for e in extra for m in (e.metadata if isinstance(e, FieldInfo) else [e])]
        yield from _leaves(inner, metadata + tuple(flat))
    elif origin in (typing.Union, types.UnionType):
        for arg in get_args(annotation):
            yield from _leaves(arg, metadata)
    elif origin in (list, set, tuple):
        for arg in get_args(annotation):
            yield from _leaves(arg, ())
    else:
        yield annotation, metadata


def _validators(metadata: tuple[Any, ...]) -> set[Any]:
    return {m.func for m in metadata if isinstance(m, BeforeValidator)}


def _strict(metadata: tuple[Any, ...]) -> bool:
    return any(isinstance(m, Strict) and m.strict for m in metadata)


def test_every_request_field_is_strict_and_clean() -> None:
    models = _request_models()
    assert len(models) > 30
    loose: list[str] = []
    for model in models:
        for name, info in model.model_fields.items():
            for leaf, meta in _leaves(info.annotation, tuple(info.metadata)):
                where = f"{model.__name__}.{name}"
                if leaf is str and not _strict(meta):
                    loose.append(f"{where}: str without Strict (use Text or MultilineText)")
                elif (
                    leaf is str
                    and not _validators(meta) & {schemas._single_line, schemas._multi_line}
                    and not any(getattr(m, "pattern", None) for m in meta)
                    and where not in SECRETS
                ):
                    loose.append(f"{where}: free text without Text or MultilineText")
                elif leaf in (int, bool) and not _strict(meta):
                    loose.append(f"{where}: {leaf.__name__} without Strict (use Int or Bool)")
                elif leaf is Decimal and schemas._decimal_text not in _validators(meta):
                    loose.append(f"{where}: Decimal (use Money or Area)")
                elif leaf in (date, datetime) and not _validators(meta) & {
                    schemas._iso_day,
                    schemas._iso_moment,
                }:
                    loose.append(f"{where}: {leaf.__name__} (use Day or Moment)")
                elif leaf is float:
                    loose.append(f"{where}: float")
    assert loose == [], "\n".join(loose)


@pytest.mark.parametrize(
    ("raw", "multiline", "stored"),
    [
        ("第一行\u000b第二行", True, "第一行\n第二行"),
        ("第一行\r\n第二行\u2029第三行", True, "第一行\n第二行\n第三行"),
        ("金额\t100", True, "金额\t100"),
        ("湘潭\u000b电机", False, "湘潭 电机"),
        ("湘\u200b潭\u202e电机\ufeff", False, "湘潭电机"),
        ("  湘潭电机\u3000", False, "湘潭电机"),
    ],
)
def test_text_from_word_is_normalised(raw: str, multiline: bool, stored: str) -> None:
    assert schemas.clean_text(raw, multiline=multiline) == stored


@pytest.mark.parametrize("raw", ["a\x00b", "a\x07b", "a\x1bb", "a\x7fb", "a\x9bb", "a\ud800b"])
def test_control_characters_are_refused(raw: str) -> None:
    with pytest.raises(ValueError, match="控制字符"):
        schemas.clean_text(raw, multiline=True)


@pytest.mark.parametrize("raw", ["\u200b\u200b", "\u3164\u3164", "\u202e"])
def test_names_need_a_visible_character(raw: str) -> None:
    cleaned = None
    try:
        cleaned = schemas.clean_text(raw, multiline=False)
    except ValueError as exc:
        assert "可见字符" in str(exc)
    else:
        assert cleaned == ""


def test_response_models_never_use_input_rules() -> None:
    """A stored value is read back as stored: an input rule on a response model (a date not in
    the future, a strict number) would turn an old row into a 500."""
    found: list[str] = []
    todo = list(ResponseBody.__subclasses__())
    while todo:
        model = todo.pop()
        todo.extend(model.__subclasses__())
        for name, info in model.model_fields.items():
            for _, meta in _leaves(info.annotation, tuple(info.metadata)):
                if _strict(meta) or _validators(meta):
                    found.append(f"{model.__name__}.{name}")
    assert found == []
