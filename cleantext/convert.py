"""convert: Traditional to Simplified Chinese, and the other OpenCC configurations.

Built on opencc-python-reimplemented's configs and dictionaries. A converter is built once
per configuration and process, on first use.
"""

from __future__ import annotations

from functools import cache

from .errors import OptionError
from .options import Option

CONFIGS = ("t2s", "tw2s", "hk2s", "tw2sp", "s2t", "s2tw", "s2twp", "s2hk", "t2tw", "t2hk")

OPTIONS = (
    Option(
        "config",
        "OpenCC configuration: t2s (default), tw2s, hk2s, tw2sp, s2t, s2tw, s2twp, s2hk, t2tw, t2hk.",
        default="t2s",
        flags=("-c", "--config"),
        choices=CONFIGS,
    ),
)


@cache
def _converter(config: str):
    from opencc import OpenCC

    return OpenCC(config)


def convert(text: str, *, config: str = "t2s") -> str:
    """Convert between Chinese scripts with an OpenCC configuration (default t2s).

    >>> convert("來源：北國網")
    '来源：北国网'
    """
    if config not in CONFIGS:
        raise OptionError(f"unknown conversion config {config!r}; choose one of {', '.join(CONFIGS)}")
    if not text:
        return text
    return _converter(config).convert(text)
