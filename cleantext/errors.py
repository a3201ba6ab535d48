"""Errors the library raises. The CLI turns each into one line on standard error."""

from __future__ import annotations


class CleantextError(Exception):
    """Base class: bad input or a bad option, never a bug."""


class DecodeError(CleantextError, ValueError):
    """The bytes are not text in any encoding we could establish.

    The message says the best guess and where the first bad byte is, for example
    ``not decodable (best guess gb18030, invalid byte 0xff at offset 12)``.
    """


class OptionError(CleantextError, ValueError):
    """An option value the library cannot use (unknown config, unknown step...)."""


class DictionaryError(CleantextError, ValueError):
    """A user dictionary file is malformed; the message names the file and line."""
