"""Clean many files in parallel: a folder tree, or JSONL corpora record by record.

Inputs are never touched: results go to an output folder (same relative paths), unless
the caller asks for in-place rewriting, which replaces each file atomically. Work is spread
over worker processes; each result is reported back through a callback, so a front end can
draw a progress bar.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import stream
from .errors import CleantextError
from .fileio import AtomicWriter, InputError, as_output, open_input, read_bytes, write_atomic
from .pipeline import resolve, run

DEFAULT_PATTERNS = ("*.txt", "*.html", "*.htm", "*.jsonl")


@dataclass(frozen=True)
class Job:
    """One input file and where its result goes (``target`` None: rewrite in place)."""

    source: Path
    target: Path | None
    steps: str | None
    options: tuple[tuple[str, object], ...]
    text_field: str = "text"


@dataclass(frozen=True)
class Result:
    """What happened to one file: ``changed``, ``unchanged`` or ``failed`` (with reasons)."""

    source: Path
    status: str
    size: int
    errors: tuple[str, ...] = ()
    records: int = 0


def find_inputs(roots: Iterable[str | os.PathLike], patterns: Iterable[str] = DEFAULT_PATTERNS) -> list[tuple[Path, Path]]:
    """(file, path relative to its root) for every matching file under the roots, sorted.

    A root may also be a single file; hidden folders (``.git``...) are skipped.
    """
    found: list[tuple[Path, Path]] = []
    for root in map(Path, roots):
        if root.is_file():
            found.append((root, Path(root.name)))
            continue
        if not root.is_dir():
            raise InputError(f"{root}: no such file or folder")
        for pattern in patterns:
            for path in root.rglob(pattern):
                rel = path.relative_to(root)
                if path.is_file() and not any(part.startswith(".") for part in rel.parts):
                    found.append((path, rel))
    return sorted(set(found))


def plan(roots: Iterable[str | os.PathLike], output: str | os.PathLike | None, *, steps: str | None = None,
         options: dict | None = None, patterns: Iterable[str] = DEFAULT_PATTERNS,
         text_field: str = "text") -> list[Job]:
    """The jobs for cleaning ``roots`` into ``output`` (None: in place)."""
    frozen = tuple(sorted((options or {}).items()))
    out = Path(output) if output is not None else None
    jobs = []
    for path, rel in find_inputs(roots, patterns):
        target = None
        if out is not None:
            # The result of cleaning a page is text, so page.html becomes page.txt.
            target = out / (rel.with_suffix(".txt") if rel.suffix.lower() in (".html", ".htm") else rel)
            if target.resolve() == path.resolve():
                raise InputError(f"{path}: output would overwrite the input; use --in-place for that")
        jobs.append(Job(path, target, steps, frozen, text_field))
    targets = [job.target for job in jobs if job.target is not None]
    if len(set(targets)) != len(targets):
        clash = next(t for t in targets if targets.count(t) > 1)
        raise InputError(f"{clash}: two inputs would be written to this output file")
    return jobs


def clean_jsonl(data: bytes, steps: str | None, options: dict, text_field: str, name: str) -> tuple[bytes, list[str], int]:
    """Clean the ``text_field`` of every JSON record; other fields pass through.

    Returns the new bytes, the errors (``name:line: reason``) and the number of records. A bad
    record is reported and left out of the output.

    >>> out, errors, n = clean_jsonl('{"id": 1, "text": "臺灣"}\\n'.encode(), "convert", {}, "text", "a.jsonl")
    >>> out.decode(), errors, n
    ('{"id": 1, "text": "台湾"}\\n', [], 1)
    """
    chain = resolve(steps)
    lines, errors, count = [], [], 0
    for number, raw in enumerate(data.decode("utf-8-sig").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
            if not isinstance(record, dict) or not isinstance(record.get(text_field), str):
                raise CleantextError(f"no string field {text_field!r}")
            # A record holds one document: no final newline inside the field.
            record[text_field] = run(record[text_field], chain, options).rstrip("\n")
        except (ValueError, CleantextError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            errors.append(f"{name}:{number}: {reason}")
            continue
        lines.append(json.dumps(record, ensure_ascii=False))
        count += 1
    return ("\n".join(lines) + "\n" if lines else "").encode("utf-8"), errors, count


def run_job(job: Job) -> Result:
    """Clean one file and write its result; never raises for bad input."""
    options = dict(job.options)
    target = job.target or job.source
    try:
        size = job.source.stat().st_size
        if job.source.suffix != ".jsonl" and size > stream.STREAM_ABOVE_BYTES:
            with open_input(job.source) as handle:
                head = handle.read(stream.STREAM_ABOVE_BYTES)
                if stream.should_stream(head, more=True):
                    if job.target is not None:
                        target.parent.mkdir(parents=True, exist_ok=True)
                    with AtomicWriter(target, durable=job.target is None) as writer:
                        for piece in stream.clean_stream(head, handle, job.steps, **options):
                            writer.write(as_output(piece))
                    return Result(job.source, "changed", size, (), 1)
        raw = read_bytes(job.source)
    except (CleantextError, UnicodeError, OSError) as exc:
        return Result(job.source, "failed", 0, (f"{job.source}: {exc}",))
    try:
        if job.source.suffix == ".jsonl":
            new, errors, records = clean_jsonl(raw, job.steps, options, job.text_field, str(job.source))
        else:
            new, errors, records = as_output(run(raw, resolve(job.steps), options)), [], 1
        if job.target is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
        changed = new != raw
        if job.target is not None or changed:
            # A new output file needs no fsync of its own; an input rewritten in place does.
            write_atomic(target, new, durable=job.target is None)
    except (CleantextError, UnicodeError, OSError) as exc:
        return Result(job.source, "failed", len(raw), (f"{job.source}: {exc}",))
    status = "failed" if errors else ("changed" if changed else "unchanged")
    return Result(job.source, status, len(raw), tuple(errors), records)


def run_batch(jobs: list[Job], workers: int | None = None,
              on_result: Callable[[Result], None] | None = None) -> list[Result]:
    """Run the jobs over ``workers`` processes (default: all cores), in input order of completion."""
    workers = max(1, workers or os.cpu_count() or 1)
    results: list[Result] = []

    def handle(stream: Iterator[Result]) -> None:
        for result in stream:
            results.append(result)
            if on_result:
                on_result(result)

    if jobs:
        # Build the lazily made tables (converters, character model, rule patterns) once, in
        # this process, before the workers fork and share them: clean a sample of the input.
        first = jobs[0]
        try:
            with open_input(first.source) as source:
                sample = source.read(1 << 16)
            run(sample.decode("utf-8", "ignore") or "臺灣", resolve(first.steps), dict(first.options))
        except (OSError, CleantextError):
            pass
    if workers == 1 or len(jobs) <= 1:
        handle(map(run_job, jobs))
    else:
        with multiprocessing.get_context("fork" if os.name == "posix" else "spawn").Pool(workers) as pool:
            handle(pool.imap_unordered(run_job, jobs))
    return results
