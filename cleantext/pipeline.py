"""The table of steps: the one place where the cleaning pipeline is defined.

Adding a step means one module with a pure function and its ``OPTIONS``, and one entry in
:data:`STEPS`. The CLI builds a subcommand per entry; :func:`clean` runs them in order.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable
from typing import NamedTuple

from .errors import OptionError
from .options import Option


class Step(NamedTuple):
    """A named pure function of the pipeline and the options it takes."""

    name: str
    function: Callable[..., str]
    options: tuple[Option, ...]
    takes_bytes: bool = False

    @property
    def description(self) -> str:
        """The first line of the function's docstring."""
        return (self.function.__doc__ or "").strip().splitlines()[0]

    @property
    def example(self) -> str:
        """The docstring example, for help texts."""
        doc = inspect.getdoc(self.function) or ""
        return "\n".join(line for line in doc.splitlines() if line.startswith((">>>", "'", '"')))

    def __call__(self, data, **options):
        return self.function(data, **options)


def _step(name: str, takes_bytes: bool = False) -> Step:
    # By module path: the package re-exports each step function under the module's name.
    module = importlib.import_module(f"{__package__}.{name}")
    return Step(name, getattr(module, name), module.OPTIONS, takes_bytes)


# The pipeline, in the order `clean` runs it.
STEPS: tuple[Step, ...] = (
    _step("decode", takes_bytes=True),
    _step("repair"),
    _step("extract"),
    _step("strip"),
    _step("unannotate"),
    _step("convert"),
    _step("normalize"),
)

BY_NAME = {step.name: step for step in STEPS}
DEFAULT_CHAIN = tuple(step.name for step in STEPS)


def resolve(steps: str | Iterable[str] | None) -> list[Step]:
    """Steps named in ``steps`` (a list or a comma-separated string), in that order.

    >>> [s.name for s in resolve("strip,convert")]
    ['strip', 'convert']
    """
    if steps is None:
        names = list(DEFAULT_CHAIN)
    elif isinstance(steps, str):
        names = [n.strip() for n in steps.split(",") if n.strip()]
    else:
        names = list(steps)
    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        raise OptionError(f"unknown step {unknown[0]!r}; steps are {', '.join(DEFAULT_CHAIN)}")
    return [BY_NAME[n] for n in names]


def _options_for(step: Step, options: dict) -> dict:
    names = {opt.name for opt in step.options}
    return {k: v for k, v in options.items() if k in names}


def check_options(steps: Iterable[Step], options: dict) -> None:
    known = {opt.name for step in STEPS for opt in step.options}
    for key in options:
        if key not in known:
            raise OptionError(f"unknown option {key!r}")


def run(data: str | bytes, steps: Iterable[Step], options: dict) -> str:
    """Run ``steps`` over ``data``; bytes are decoded first even when decode is not listed."""
    steps = list(steps)
    check_options(steps, options)
    if isinstance(data, (bytes, bytearray)):
        data = BY_NAME["decode"](bytes(data), **_options_for(BY_NAME["decode"], options))
    for step in steps:
        if step.takes_bytes:
            continue  # already text
        data = step(data, **_options_for(step, options))
    return data


def clean(data: str | bytes, steps: str | Iterable[str] | None = None, **options) -> str:
    """Clean Chinese web text: decode, repair, extract (HTML only), strip, unannotate, convert, normalize.

    ``steps`` chooses and orders the steps (names or ``"a,b,c"``); ``options`` go to the
    steps that take them, e.g. ``config="tw2sp"`` to convert.

    >>> clean("首页 > 新闻\\n\\u3000\\u3000來源：本站\\n\\u3000\\u3000這是正文。")
    '这是正文。\\n'
    """
    return run(data, resolve(steps), options)
