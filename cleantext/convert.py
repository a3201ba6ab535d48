"""convert: Traditional to Simplified Chinese, and the other OpenCC configurations.

Reads opencc-python-reimplemented's configs and dictionary files and runs them through
:mod:`cleantext.opencc_engine`, which gives the same output much faster. On top of them come the
project's supplementary tables (``cleantext/data/opencc/*.txt``, on by default, ``extras=False``
switches them off) and the caller's user dictionaries (``user_dicts``), which win over everything.
A converter is built once per configuration and process, on first use.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from .errors import DictionaryError, OptionError
from .opencc_engine import Chain, CharTable, Group, PhraseTable, first_choice
from .options import Option

CONFIGS = ("t2s", "tw2s", "hk2s", "tw2sp", "hk2sp", "s2t", "s2tw", "s2twp", "s2hk", "t2tw", "t2hk")

# hk2sp is ours: hk2s plus a table of Hong Kong vocabulary (supplementary only, so with
# extras off it equals hk2s). The other configs are opencc-python-reimplemented's.
OWN_CONFIGS = {
    "hk2sp": [["HKVariantsRevPhrases.txt", "HKVariantsRev.txt"], ["HKPhrasesRev.txt"],
              ["TSPhrases.txt", "TSCharacters.txt"]],
}

EXTRAS_DIR = Path(__file__).with_name("data") / "opencc"

# Supplementary phrase tables of these dictionaries convert toward Simplified; each of their
# entries also protects its own Simplified result (V -> V), so text that is already Simplified
# (most input of `clean`) is not pulled apart by the character table.
TO_SIMPLIFIED = {"TSPhrases.txt", "TWPhrasesRev.txt", "TWVariantsRevPhrases.txt",
                 "HKVariantsRevPhrases.txt", "HKPhrasesRev.txt"}

OPTIONS = (
    Option(
        "config",
        "OpenCC configuration: t2s (default), tw2s, hk2s, tw2sp, hk2sp, s2t, s2tw, s2twp, s2hk, t2tw, t2hk.",
        default="t2s",
        flags=("-c", "--config"),
        choices=CONFIGS,
    ),
    Option(
        "extras",
        "Use the project's supplementary tables (mainland forms, regional vocabulary); "
        "--no-extras gives opencc-python-reimplemented's output exactly.",
        default=True,
        flags=("--extras/--no-extras",),
        kind="flag",
    ),
    Option(
        "user_dicts",
        "A user dictionary: lines `source<TAB>target`, winning over every table (repeatable).",
        default=(),
        flags=("--dict",),
        kind="path",
        multiple=True,
    ),
)


def _package_dir() -> Path:
    spec = find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        raise OptionError("opencc-python-reimplemented is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def parse_table(text: str, name: str, *, comments: bool = True) -> dict[str, str]:
    """Parse ``source<TAB>target`` lines; ``#`` lines and blank lines are notes when ``comments``.

    A malformed line raises :class:`DictionaryError` naming the file and the line.

    >>> parse_table("# note\\n軟體\\t软件\\n", "my.txt")
    {'軟體': '软件'}
    >>> parse_table("軟體 软件\\n", "my.txt")
    Traceback (most recent call last):
    ...
    cleantext.errors.DictionaryError: my.txt: line 1: expected `source<TAB>target`, got '軟體 软件'
    """
    table: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip("\r\n")
        if not line.strip() or (comments and line.lstrip().startswith("#")):
            continue
        fields = line.split("\t")
        if len(fields) != 2 or not fields[0].strip() or not fields[1].strip():
            raise DictionaryError(f"{name}: line {number}: expected `source<TAB>target`, got {line!r}")
        table[fields[0].strip()] = first_choice(fields[1].strip())
    return table


@cache
def _package_table(file: str) -> dict[str, str]:
    path = _package_dir() / "dictionary" / file
    table: dict[str, str] = {}
    # Same reading as opencc-python-reimplemented: strip, split on the tab, last entry wins.
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            key, value = line.strip().split("\t")
            table[key] = first_choice(value)
    return table


@cache
def _extras_table(file: str) -> dict[str, str]:
    path = EXTRAS_DIR / file
    if not path.exists():
        return {}
    extra = parse_table(path.read_text(encoding="utf-8"), str(path))
    if file in TO_SIMPLIFIED:
        # Protect a target only where the character table would change it: more keys make
        # matching slower, and a target the table leaves alone needs no protection.
        chars = {**_package_table("TSCharacters.txt"), **_extras_table("TSCharacters.txt")}
        for value in list(extra.values()):
            if any(chars.get(ch, ch) != ch for ch in value):
                extra.setdefault(value, value)
    return extra


def _chain_files(config: str) -> list[list[str]]:
    if config in OWN_CONFIGS:
        return OWN_CONFIGS[config]
    data = json.loads((_package_dir() / "config" / f"{config}.json").read_text(encoding="utf-8"))
    groups = []
    for step in data["conversion_chain"]:
        spec = step["dict"]
        dicts = spec["dicts"] if spec.get("type") == "group" else [spec]
        groups.append([d["file"] for d in dicts])
    return groups


def _table(file: str, extras: bool) -> PhraseTable | CharTable:
    mapping = dict(_package_table(file)) if (_package_dir() / "dictionary" / file).exists() else {}
    if extras:
        mapping.update(_extras_table(file))
    if mapping and CharTable.fits(mapping):
        return CharTable(mapping, file)
    return PhraseTable(mapping, file)


@cache
def _chain(config: str, extras: bool) -> Chain:
    groups = []
    for files in _chain_files(config):
        tables = [_table(f, extras) for f in files]
        tables = [t for t in tables if t.mapping]
        if tables:
            groups.append(Group(tables))
    return Chain(groups)


@cache
def _user_table(paths: tuple[str, ...]) -> PhraseTable:
    mapping: dict[str, str] = {}
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeError) as exc:
            raise DictionaryError(f"{path}: cannot read user dictionary ({exc})") from None
        mapping.update(parse_table(text, str(path)))
    return PhraseTable(mapping, "user")


@cache
def _converter(config: str, extras: bool, user_dicts: tuple[str, ...]) -> Chain:
    chain = _chain(config, extras)
    if not user_dicts:
        return chain
    return Chain(chain.groups, _user_table(user_dicts))


def convert(text: str, *, config: str = "t2s", extras: bool = True, user_dicts=()) -> str:
    """Convert between Chinese scripts with an OpenCC configuration (default t2s).

    >>> convert("來源：北國網")
    '来源：北国网'
    >>> convert("沿著乾清宮走，他的著作很著名")
    '沿着乾清宫走，他的著作很著名'
    """
    if config not in CONFIGS:
        raise OptionError(f"unknown conversion config {config!r}; choose one of {', '.join(CONFIGS)}")
    if not text:
        return text
    if isinstance(user_dicts, (str, Path)):
        user_dicts = (user_dicts,)
    return _converter(config, bool(extras), tuple(str(p) for p in user_dicts or ())).convert(text)
