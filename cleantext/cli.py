"""The ``cleantext`` command: a thin layer over the library.

It parses arguments, reads files or standard input, writes standard output (UTF-8, LF) or
files, and turns library errors into one-line messages on standard error. Subcommands are
built from the table of steps in :mod:`cleantext.pipeline`.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import click

from .errors import CleantextError
from .fileio import AtomicWriter, InputError, Prepended, as_output, open_input, read_bytes, write_atomic
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
    "batch": "cleantext batch pages/ -o cleaned/ -j 4; cleantext batch corpus.jsonl -o out/ --field text",
    "check": "cleantext check --diff *.txt; cleantext check --write notes/*.txt  (as a pre-commit hook)",
}


class BadInput(click.ClickException):
    """Bad input or a bad option: one line on standard error, exit status 2."""

    exit_code = EXIT_BAD_INPUT


# One instance of each type for every option: a click.Path looks up its message catalogue when
# made (gettext, 60 us), and the commands have some 30 options of these kinds.
PARAM_TYPES = {
    "str": click.STRING,
    "int": click.INT,
    "path": click.Path(exists=True, dir_okay=False),
    "dir": click.Path(exists=True, file_okay=False),
}


def _click_param(option: Option) -> click.Option:
    if option.kind == "flag":
        return click.Option([*option.cli_flags, option.name], is_flag=True, default=bool(option.default),
                            help=option.help)
    ptype = click.Choice(option.choices) if option.choices else PARAM_TYPES[option.kind]
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
    stream: Callable[[bytes, object], Iterable[str]] | None = None,
) -> None:
    """Run ``transform`` over every source and deliver the results; exit 2 on bad input.

    A large plain-text input goes through ``stream`` instead (piece by piece, see
    :mod:`cleantext.stream`), so memory does not grow with the input.
    """
    from .stream import STREAM_ABOVE_BYTES, should_stream

    sources = _sources(files)
    if in_place and output:
        raise click.UsageError("--in-place and --output exclude each other")
    if in_place and "-" in sources:
        raise click.UsageError("--in-place needs file names, not standard input")
    failed = False
    try:
        collected = AtomicWriter(output) if output else None
    except InputError as exc:
        raise BadInput(f"{output}: {exc}") from None
    for source in sources:
        name = "<stdin>" if source == "-" else source
        try:
            with contextlib.nullcontext(sys.stdin.buffer) if source == "-" else open_input(source) as handle:
                head = handle.read(STREAM_ABOVE_BYTES)
                extra = handle.read(1)
                if verbose_note:
                    note = verbose_note(name, head)
                    if note:
                        click.echo(note, err=True)
                if stream is not None and should_stream(head, bool(extra)):
                    results = (as_output(piece) for piece in stream(head, Prepended(extra, handle)))
                    raw = None
                else:
                    raw = head + extra + handle.read()
                    results = iter([as_output(transform(raw))])
                if in_place:
                    if raw is None:
                        with AtomicWriter(source) as writer:
                            for piece in results:
                                writer.write(piece)
                    else:
                        result = next(results)
                        if result != raw:
                            write_atomic(source, result)
                else:
                    for piece in results:
                        if collected is not None:
                            collected.write(piece)
                        else:
                            _write_stdout(piece)
        except (CleantextError, UnicodeError) as exc:
            click.echo(f"Error: {name}: {exc}", err=True)
            failed = True
    if collected is not None:
        if failed:
            collected.abort()
        else:
            try:
                collected.commit()
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
    from .decode import detect, forced

    def note(name: str, raw: bytes) -> str:
        encoding = options.get("encoding")
        found = forced(raw, encoding) if encoding else detect(raw)
        return f"{name}: {found.encoding} ({found.reason})"

    return note


def _decode_options(options: dict) -> dict:
    names = {opt.name for opt in BY_NAME["decode"].options}
    return {k: v for k, v in options.items() if k in names}


# Steps whose command also takes --meta (the page metadata as JSON on standard error).
META_STEPS = ("extract",)
META_HELP = "Print the title, author, date and source found as JSON on standard error (text unchanged)."


def _step_command(step: Step) -> click.Command:
    def callback(files, output, in_place, **options):
        from .stream import clean_stream, decode_stream

        note = _encoding_note(options)
        stream = None
        if options.pop("meta", False):
            transform = _with_metadata([step], options)
        elif step.takes_bytes:
            transform = lambda raw: step(raw, **options)  # noqa: E731
            stream = lambda head, rest: decode_stream(head, rest, **options)  # noqa: E731
        else:
            transform = lambda raw: run(raw, [step], options)  # noqa: E731
            stream = lambda head, rest: clean_stream(head, rest, [step.name], **options)  # noqa: E731
        process_files(transform, files, output, in_place, note, stream)

    callback = _io_params(callback)
    command = click.command(name=step.name, help=_help(step.description, step.name))(callback)
    for option in step.options:
        command.params.append(_click_param(option))
    if step.takes_bytes:
        command.params.append(click.Option(["-v", "--verbose"], is_flag=True,
                                           help="Say on standard error which encoding was chosen and why."))
    if step.name in META_STEPS:
        command.params.append(click.Option(["--meta"], is_flag=True, help=META_HELP))
    return command


def _with_step_options(command: click.Command) -> click.Command:
    """Give a command every step's options (clean, check and batch run several steps)."""
    for option in _all_options():
        command.params.append(_click_param(option))
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
@click.option("--meta", is_flag=True, help=META_HELP)
def clean_command(files, output, in_place, steps, meta, **options):
    note = _encoding_note(options)
    try:
        chain = resolve(steps)
    except CleantextError as exc:
        raise click.BadParameter(str(exc), param_hint="--steps") from None
    from .stream import clean_stream

    if meta:
        transform, stream = _with_metadata(chain, options), None
    else:
        transform = lambda raw: run(raw, chain, options)  # noqa: E731
        stream = lambda head, rest: clean_stream(head, rest, [s.name for s in chain], **options)  # noqa: E731
    process_files(transform, files, output, in_place, note, stream)


def _with_metadata(chain, options):
    """A transform that also prints the page's metadata as one JSON line on standard error."""
    import json

    from .metadata import page_metadata

    def transform(raw: bytes) -> str:
        text = run(raw, resolve("repair"), _decode_options(options))
        click.echo(json.dumps(page_metadata(text), ensure_ascii=False), err=True)
        return run(raw, chain, options)

    return transform


_with_step_options(clean_command)


@click.command(name="explain", help=(
    "Show every line with kept or removed and the rule that decided it.\n\n"
    "Runs decode, repair and extract first, then explains the strip decisions. Rows before the "
    "lines say which legacy encoding was read and which damaged segments repair fixed, with "
    "their kind. Colours are "
    f"used when standard output is a terminal.\n\n\b\nExample:\n  {EXAMPLES['explain']}"
))
@click.argument("files", nargs=-1, metavar="[FILE]...")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False),
              help="A folder of documents from the same site: lines that recur in many of them are chrome.")
@click.option("--min-docs", type=int, help="With --corpus: a line found in this many documents is chrome.")
def explain_command(files, corpus, min_docs):
    from .decode import decode, detect
    from .repair import explain as explain_repairs
    from .strip import explain_lines

    failed = False
    for source in _sources(files):
        name = "<stdin>" if source == "-" else source
        try:
            raw = _read(source)
            rows = []
            found = detect(raw)
            if found.encoding != "utf-8":
                rows.append((found.reason, "decoded", found.encoding))
            decoded = decode(raw, detection=found)  # detected once, just above
            rows += [(f"{seg.original} → {seg.repaired}", "repaired", seg.kind) for seg in explain_repairs(decoded)]
            text = run(decoded, resolve("repair,extract"), {})
        except CleantextError as exc:
            click.echo(f"Error: {name}: {exc}", err=True)
            failed = True
            continue
        _print_explanation(rows + explain_lines(text, corpus=corpus, min_docs=min_docs))
    if failed:
        sys.exit(EXIT_BAD_INPUT)


def _print_explanation(rows: list[tuple[str, str, str]]) -> None:
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markup import escape

        console = Console()
        for line, decision, rule in rows:
            style = {"kept": "green", "removed": "red"}.get(decision, "yellow")
            console.print(f"[{style}]{decision:7}[/] [dim]{rule:14}[/] {escape(line)}", highlight=False)
        return
    _write_stdout(as_output("\n".join(f"{d}\t{r or '-'}\t{line}" for line, d, r in rows)))


CHECK_STEPS = "decode,repair,convert,normalize"


@click.command(name="check", help=(
    "Report, show or fix text files that are not clean; for pre-commit hooks.\n\n"
    "Runs the steps (by default only those that never remove lines) over each FILE. "
    "--check (default) lists the files that would change, --diff prints a unified diff on "
    "standard output, --write rewrites them atomically. Exit status: 1 when a file changed or "
    f"would change, 2 on bad input, else 0.\n\n\b\nExample:\n  {EXAMPLES['check']}"
))
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--check", "mode", flag_value="check", default=True, help="List files that would change (default).")
@click.option("--diff", "mode", flag_value="diff", help="Print what would change as a unified diff.")
@click.option("--write", "mode", flag_value="write", help="Rewrite the files that are not clean.")
@click.option("--steps", metavar="A,B,C", default=CHECK_STEPS, show_default=True, help="The steps to run.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
def check_command(files, mode, steps, quiet, **options):
    import difflib

    from .report import Report

    try:
        chain = resolve(steps)
    except CleantextError as exc:
        raise click.BadParameter(str(exc), param_hint="--steps") from None
    report = Report(mode)
    for name in files:
        try:
            raw = read_bytes(name)
            new = as_output(run(raw, chain, options))
            if new == raw:
                report.record_unchanged(name)
                continue
            report.record_changed(name)
            if mode == "write":
                write_atomic(name, new)
                click.echo(f"fixed {name}", err=True)
            elif mode == "diff":
                old_text = run(raw, resolve("decode"), {}) if raw else ""
                diff = difflib.unified_diff(old_text.splitlines(True), new.decode("utf-8").splitlines(True),
                                            fromfile=name, tofile=f"{name} (cleaned)")
                _write_stdout(as_output("".join(line if line.endswith("\n") else line + "\n" for line in diff)))
            else:
                click.echo(f"would clean {name}", err=True)
        except (CleantextError, UnicodeError) as exc:
            report.record_failed(name, str(exc))
            click.echo(f"Error: {name}: {exc}", err=True)
    if not quiet:
        click.echo(report.summary(), err=True)
    sys.exit(report.exit_code)


_with_step_options(check_command)


@click.command(name="batch", help=(
    "Clean folders of files, or JSONL corpora, in parallel into an output folder.\n\n"
    "Every *.txt, *.html, *.htm and *.jsonl file under each SOURCE (or SOURCE itself when it is a "
    "file) is cleaned to the same relative path under --output; inputs are never touched unless "
    "--in-place is given. In a .jsonl file the --field of every record is cleaned and the other "
    "fields pass through. A progress bar and the summary go to standard error; a bad file or "
    "record is reported and the others go on (exit status 2 at the end).\n\n"
    f"\b\nExample:\n  {EXAMPLES['batch']}"
))
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("-o", "--output", metavar="DIR", help="Folder for the results (created if missing).")
@click.option("--in-place", is_flag=True, help="Rewrite the input files instead (atomically).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes.  [default: number of cores]")
@click.option("--glob", "patterns", multiple=True, metavar="PATTERN",
              help="File name pattern to take (repeatable).  [default: *.txt *.html *.htm *.jsonl]")
@click.option("--field", "text_field", default="text", show_default=True, help="The JSONL field to clean.")
@click.option("--steps", metavar="A,B,C", default=",".join(DEFAULT_CHAIN), show_default=True,
              help="The steps to run, in this order.")
def batch_command(sources, output, in_place, jobs, patterns, text_field, steps, **options):
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .batch import DEFAULT_PATTERNS, plan, run_batch

    if bool(output) == bool(in_place):
        raise click.UsageError("give either --output DIR or --in-place")
    try:
        resolve(steps)
        work = plan(sources, None if in_place else output, steps=steps, options=options,
                    patterns=patterns or DEFAULT_PATTERNS, text_field=text_field)
    except CleantextError as exc:
        raise BadInput(str(exc)) from None
    console = Console(stderr=True)
    started = time.perf_counter()
    failed = changed = size = records = 0
    with Progress(TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("clean", total=len(work))

        def on_result(result):
            nonlocal failed, changed, size, records
            size += result.size
            records += result.records
            changed += result.status == "changed"
            if result.errors:
                failed += 1
                for error in result.errors:
                    progress.console.print(f"Error: {error}", markup=False, highlight=False, soft_wrap=True)
            progress.advance(task)

        run_batch(work, jobs, on_result)
    seconds = time.perf_counter() - started
    click.echo(f"{len(work)} file{'s' if len(work) != 1 else ''}, {records} documents, {size / 1e6:.1f} MB in {seconds:.1f} s "
               f"({size / 1e6 / max(seconds, 1e-9):.1f} MB/s); {changed} changed, {failed} with errors.", err=True)
    if failed:
        sys.exit(EXIT_BAD_INPUT)


_with_step_options(batch_command)


class CleantextGroup(click.Group):
    def list_commands(self, ctx):
        return [*DEFAULT_CHAIN, "clean", "explain", "batch", "check"]


@click.group(cls=CleantextGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cleantext")
@click.option("--settings", "settings_file", type=click.Path(exists=True, dir_okay=False),
              help="Read options from this pyproject.toml's [tool.cleantext] table (default: the nearest "
                   "pyproject.toml that has one, up to the repository root).")
@click.option("--no-settings", is_flag=True, help="Read no pyproject.toml.")
@click.pass_context
def cli(ctx, settings_file, no_settings):
    """Clean Chinese web text: any encoding, Traditional or Simplified, mojibake and page chrome
    in; clean Simplified-Chinese UTF-8 text out.

    Options can be kept in pyproject.toml, under [tool.cleantext] (for example config = "tw2sp",
    dict = ["a.tsv", "b.tsv"]); the command line wins over them.

    \b
    Example:
      cleantext clean page.html > page.txt
    """
    from . import settings

    try:
        path = None if no_settings else Path(settings_file) if settings_file else settings.find(Path.cwd())
        values = settings.load(path) if path else {}
    except CleantextError as exc:
        raise BadInput(str(exc)) from None
    if values:
        ctx.default_map = {name: {p.name: values[p.name] for p in command.params if p.name in values}
                           for name, command in ctx.command.commands.items()}


for _step in STEPS:
    cli.add_command(_step_command(_step))
cli.add_command(clean_command)
cli.add_command(explain_command)
cli.add_command(batch_command)
cli.add_command(check_command)


def main() -> None:
    cli(prog_name="cleantext")
