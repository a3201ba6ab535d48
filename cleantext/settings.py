"""Project settings: a ``[tool.cleantext]`` table in ``pyproject.toml``.

A repository that cleans its text files with the same options every time (a pre-commit hook, a
batch job) writes them down once, as black and ruff read theirs::

    [tool.cleantext]
    config = "tw2sp"
    dict = ["terms/people.tsv", "terms/places.tsv"]   # several user dictionaries
    steps = "decode,repair,strip,convert,normalize"

Keys are the options of the steps (the keyword name, ``user_dicts``, or the long flag without its
dashes, ``dict``; ``-`` and ``_`` alike) and ``steps``. File names are relative to the folder of
the ``pyproject.toml``. Options given on the command line win over the file.

>>> settings_from_table({"config": "tw2sp", "curly-quotes": True}, Path("/repo"), "pyproject.toml")
{'config': 'tw2sp', 'curly_quotes': True}
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

from . import lazyre
from .errors import OptionError
from .options import Option

FILE_NAME = "pyproject.toml"
TABLE = ("tool", "cleantext")
# What a file with the table must hold, in any TOML spelling ([tool.cleantext], [tool . "cleantext"],
# tool.cleantext.config = ..., cleantext = {...} under [tool]): a project that only depends on
# cleantext or names its scripts so is not parsed (tomllib costs 2 ms at every start).
MAY_HOLD_TABLE = lazyre.compile(r"""tool\s*\.\s*["']?cleantext\b|^\s*["']?cleantext["']?\s*=\s*\{""", re.M)
# Keys that are not step options but are read the same way.
EXTRA_KEYS = {"steps": Option("steps", "The steps to run, in this order (clean, check, batch).")}


def _toml_loads(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib.loads(text)


@cache
def _options_by_key() -> dict[str, Option]:
    from .pipeline import STEPS

    keys: dict[str, Option] = {}
    for option in [*(o for step in STEPS for o in step.options), *EXTRA_KEYS.values()]:
        spellings = {option.name, *(flag.lstrip("-") for flag in option.cli_flags if flag.startswith("--"))}
        for spelling in spellings:
            for part in spelling.split("/"):  # --extras/--no-extras
                if not part.lstrip("-").startswith("no-"):
                    keys.setdefault(part.lstrip("-").replace("-", "_"), option)
    return keys


def settings_from_table(table: dict[str, Any], folder: Path, name: str) -> dict[str, Any]:
    """Option name -> value for a ``[tool.cleantext]`` table; paths made relative to ``folder``.

    An unknown key or a value of the wrong type raises :class:`OptionError` naming ``name``.
    """
    known = _options_by_key()
    out: dict[str, Any] = {}
    for key, value in table.items():
        option = known.get(key.replace("-", "_"))
        if option is None:
            raise OptionError(f"{name}: [tool.cleantext]: unknown option {key!r}")
        out[option.name] = _value(option, value, folder, f"{name}: [tool.cleantext] {key}")
    return out


def _value(option: Option, value: Any, folder: Path, where: str) -> Any:
    if option.multiple:
        values = value if isinstance(value, list) else [value]
        return tuple(_value(option._replace(multiple=False), v, folder, where) for v in values)
    expected = {"flag": bool, "int": int}.get(option.kind, str)
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise OptionError(f"{where}: expected {expected.__name__}, got {value!r}")
    if option.choices and value not in option.choices:
        raise OptionError(f"{where}: {value!r} is not one of {', '.join(option.choices)}")
    if option.kind in ("path", "dir"):
        path = folder / value
        if not (path.is_file() if option.kind == "path" else path.is_dir()):
            raise OptionError(f"{where}: {path} does not exist")
        return str(path)
    return value




def find(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.cleantext]`` table, from ``start`` up to the
    root of its repository (a folder holding ``.git``)."""
    for folder in (start, *start.parents):
        candidate = folder / FILE_NAME
        if candidate.is_file() and MAY_HOLD_TABLE.search(candidate.read_text(encoding="utf-8", errors="replace")):
            if _table(candidate) is not None:
                return candidate
        if (folder / ".git").exists():
            return None
    return None


def _table(path: Path) -> dict[str, Any] | None:
    try:
        data = _toml_loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, ValueError) as exc:
        raise OptionError(f"{path}: cannot read settings ({exc})") from None
    for part in TABLE:
        data = data.get(part) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else None


def load(path: Path | str) -> dict[str, Any]:
    """The settings of one file (a ``pyproject.toml``); ``{}`` when it has no ``[tool.cleantext]``."""
    path = Path(path)
    table = _table(path)
    return settings_from_table(table, path.resolve().parent, str(path)) if table else {}
