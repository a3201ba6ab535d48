"""The ``cleantext`` command: a thin layer over the library.

It parses arguments, reads files or standard input, writes standard output (UTF-8, LF) or
files, and turns library errors into one-line messages on standard error. Subcommands are
built from the table of steps in :mod:`cleantext.pipeline`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

import click

from .errors import CleantextError
from .fileio import InputError, as_output, read_bytes, write_atomic
from .options import Option
from .pipeline import BY_NAME, DEFAULT_CHAIN, STEPS, Step, resolve, run

EXIT_OK, EXIT_CHANGED, EXIT_BAD_INPUT = 0, 1, 2

# One example per command, shown in its --help.
EXAMPLES = {
    "decode": "cleantext decode -v old-page.txt > page.txt",
    "repair": "echo '鍗楁槍&amp;ldquo;' | cleantext repair",
    "extract": "cleantext extract page.html",
    "strip": "cleantext strip copied-page.txt",
    "unannotate": "echo '來(lái)源' | cleantext unannotate",
    "convert": "cleantext convert -c tw2s taiwan.txt -o simplified.txt",
    "normalize": "cleantext normalize --in-place notes.txt",
    "clean": "cleantext clean page.html; cleantext clean --steps decode,convert,normalize a.txt b.txt",
    "explain": "cleantext explain copied-page.txt",
}


class BadInput(click.ClickException):
    """Bad input or a bad option: one line on standard error, exit status 2."""

    exit_code = EXIT_BAD_INPUT


def _click_param(option: Option) -> click.Option:
    kinds = {
        "str": click.STRING,
        "int": click.INT,
        "path": click.Path(exists=True, dir_okay=False),
        "dir": click.Path(exists=True, file_okay=False),
    }
    if option.kind == "flag":
        return click.Option([*option.cli_flags, option.name], is_flag=True, default=bool(option.default),
                            help=option.help)
    ptype = click.Choice(option.choices) if option.choices else kinds[option.kind]
    return click.Option([*option.cli_flags, option.name], type=ptype, default=option.default,
                        multiple=option.multiple, show_default=option.default not in (None, False, ()),
                        help=option.help)


def _sources(files: tuple[str, ...]) -> list[str]:
    return list(files) or ["-"]


def _read(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    return read_bytes(source)


def _write_stdout(data: bytes) -> None:
    stream = sys.stdout.buffer
    try:
        stream.write(data)
        stream.flush()
    except BrokenPipeError:
        # The reader went away (`| head -1`): stop quietly, as cat does.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        sys.exit(141)


def process_files(
    transform: Callable[[bytes], str],
    files: tuple[str, ...],
    output: str | None,
    in_place: bool,
    verbose_note: Callable[[str, bytes], str | None] | None = None,
) -> None:
    """Run ``transform`` over every source and deliver the results; exit 2 on bad input."""
    sources = _sources(files)
    if in_place and output:
        raise click.UsageError("--in-place and --output exclude each other")
    if in_place and "-" in sources:
        raise click.UsageError("--in-place needs file names, not standard input")
    failed = False
    collected: list[bytes] = []
    for source in sources:
        name = "<stdin>" if source == "-" else source
        try:
            raw = _read(source)
            if verbose_note:
                note = verbose_note(name, raw)
                if note:
                    click.echo(note, err=True)
            result = as_output(transform(raw))
            if in_place:
                if result != raw:
                    write_atomic(source, result)
            elif output:
                collected.append(result)
            else:
                _write_stdout(result)
        except (CleantextError, UnicodeError) as exc:
            click.echo(f"Error: {name}: {exc}", err=True)
            failed = True
    if output and not failed:
        try:
            write_atomic(output, b"".join(collected))
        except InputError as exc:
            click.echo(f"Error: {output}: {exc}", err=True)
            failed = True
    if failed:
        sys.exit(EXIT_BAD_INPUT)


def _io_params(command: Callable) -> Callable:
    command = click.option("--in-place", is_flag=True, help="Rewrite each named file (atomically).")(command)
    command = click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of standard output.")(
        command
    )
    return click.argument("files", nargs=-1, metavar="[FILE]...")(command)


def _help(summary: str, name: str) -> str:
    return (
        f"{summary}\n\nReads the FILEs, or standard input when none is given or for -, "
        f"and writes UTF-8 text to standard output.\n\n\b\nExample:\n  {EXAMPLES[name]}"
    )


def _encoding_note(options: dict) -> Callable[[str, bytes], str | None] | None:
    if not options.pop("verbose", False):
        return None
    from .decode import Detection, canonical, detect

    def note(name: str, raw: bytes) -> str:
        forced = options.get("encoding")
        found = Detection(canonical(forced), "forced with --encoding") if forced else detect(raw)
        return f"{name}: {found.encoding} ({found.reason})"

    return note


def _decode_options(options: dict) -> dict:
    names = {opt.name for opt in BY_NAME["decode"].options}
    return {k: v for k, v in options.items() if k in names}


def _step_command(step: Step) -> click.Command:
    def callback(files, output, in_place, **options):
        note = _encoding_note(options)
        if step.takes_bytes:
            transform = lambda raw: step(raw, **options)  # noqa: E731
        else:
            transform = lambda raw: run(raw, [step], options)  # noqa: E731
        process_files(transform, files, output, in_place, note)

    callback = _io_params(callback)
    command = click.command(name=step.name, help=_help(step.description, step.name))(callback)
    for option in step.options:
        command.params.append(_click_param(option))
    if step.takes_bytes:
        command.params.append(click.Option(["-v", "--verbose"], is_flag=True,
                                           help="Say on standard error which encoding was chosen and why."))
    return command


def _all_options() -> list[Option]:
    seen: dict[str, Option] = {}
    for step in STEPS:
        for option in step.options:
            seen.setdefault(option.name, option)
    return list(seen.values())


@click.command(
    name="clean",
    help=_help(
        "Run every step: decode, repair, extract (HTML only), strip, unannotate, convert, normalize.",
        "clean",
    ),
)
@_io_params
@click.option("--steps", metavar="A,B,C", default=",".join(DEFAULT_CHAIN), show_default=True,
              help="The steps to run, in this order.")
@click.option("-v", "--verbose", is_flag=True, help="Say on standard error which encoding was chosen and why.")
def clean_command(files, output, in_place, steps, **options):
    note = _encoding_note(options)
    try:
        chain = resolve(steps)
    except CleantextError as exc:
        raise click.BadParameter(str(exc), param_hint="--steps") from None
    process_files(lambda raw: run(raw, chain, options), files, output, in_place, note)


for _option in _all_options():
    clean_command.params.append(_click_param(_option))


@click.command(name="explain", help=(
    "Show every line with kept or removed and the rule that decided it.\n\n"
    "Runs decode, repair and extract first, then explains the strip decisions. Colours are "
    f"used when standard output is a terminal.\n\n\b\nExample:\n  {EXAMPLES['explain']}"
))
@click.argument("files", nargs=-1, metavar="[FILE]...")
def explain_command(files):
    from .strip import explain_lines

    failed = False
    for source in _sources(files):
        name = "<stdin>" if source == "-" else source
        try:
            text = run(_read(source), resolve("repair,extract"), {})
        except CleantextError as exc:
            click.echo(f"Error: {name}: {exc}", err=True)
            failed = True
            continue
        _print_explanation(explain_lines(text))
    if failed:
        sys.exit(EXIT_BAD_INPUT)


def _print_explanation(rows: list[tuple[str, str, str]]) -> None:
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markup import escape

        console = Console()
        for line, decision, rule in rows:
            style = "green" if decision == "kept" else "red"
            console.print(f"[{style}]{decision:7}[/] [dim]{rule:14}[/] {escape(line)}", highlight=False)
        return
    _write_stdout(as_output("\n".join(f"{d}\t{r or '-'}\t{line}" for line, d, r in rows)))


class CleantextGroup(click.Group):
    def list_commands(self, ctx):
        return [*DEFAULT_CHAIN, "clean", "explain"]


@click.group(cls=CleantextGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cleantext")
def cli():
    """Clean Chinese web text: any encoding, Traditional or Simplified, mojibake and page chrome
    in; clean Simplified-Chinese UTF-8 text out.

    \b
    Example:
      cleantext clean page.html > page.txt
    """


for _step in STEPS:
    cli.add_command(_step_command(_step))
cli.add_command(clean_command)
cli.add_command(explain_command)


def main() -> None:
    cli(prog_name="cleantext")
