"""Declarative description of a step's options.

A step module lists its keyword options as :class:`Option` records. The library uses the
names to route ``clean(..., **options)`` to the steps that take them; the CLI turns the same
records into command-line flags, so an option is declared once.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Option(NamedTuple):
    """One keyword option of a step.

    ``name`` is the Python keyword; ``flags`` the command-line spellings (the long flag is
    derived from ``name`` when omitted). ``kind`` is one of ``str``, ``int``, ``flag`` (a
    boolean switch), ``path`` (an existing file) or ``dir`` (an existing folder).
    """

    name: str
    help: str
    default: Any = None
    flags: tuple[str, ...] = ()
    kind: str = "str"
    choices: tuple[str, ...] | None = None
    multiple: bool = False

    @property
    def cli_flags(self) -> tuple[str, ...]:
        long = "--" + self.name.replace("_", "-")
        return self.flags if any(f.startswith("--") for f in self.flags) else (*self.flags, long)
