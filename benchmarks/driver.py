"""Time one task inside one process and print the result as JSON on standard output.

Runs under the project's .venv or under a peer's venv (standard library plus that peer only),
so every tool is measured the same way: inputs are read into memory first, a warm-up run
loads dictionaries and caches, then the task runs over all inputs up to ``--repeats`` times
(fewer when ``--budget`` seconds are used up, at least once) and each run is timed with
``time.perf_counter``. Interpreter start-up and imports are outside the timed runs.

    python benchmarks/driver.py cleantext.clean --list files.txt --repeats 5
    python benchmarks/driver.py opencc.convert --param config=t2s --list files.txt

``--list`` names a file with one input path per line, optionally followed by a tab and the
encoding to read it with (for tasks that take text; the default is UTF-8).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time


# Each task: setup(params) -> (function of one input, input form "bytes", "text" or "path", version).
def _cleantext(step):
    def setup(params):
        import cleantext

        function = getattr(cleantext, step)
        form = "bytes" if step in ("clean", "decode") else "text"
        return (lambda data: function(data, **params)), form, cleantext.__version__
    return setup


def _cleantext_file(params):
    # The whole user path for one file, as `cleantext clean FILE` takes it: a small file or a
    # page is read and cleaned whole, a large text file is read and cleaned piece by piece.
    from pathlib import Path

    import cleantext

    try:
        from cleantext.fileio import Prepended
        from cleantext.stream import STREAM_ABOVE_BYTES, clean_stream, should_stream
    except ImportError:  # a version without streaming
        return (lambda path: cleantext.clean(Path(path).read_bytes(), **params)), "path", cleantext.__version__

    def clean_file(path):
        with open(path, "rb") as handle:
            head = handle.read(STREAM_ABOVE_BYTES)
            extra = handle.read(1)
            if should_stream(head, bool(extra)):
                return sum(len(piece) for piece in clean_stream(head, Prepended(extra, handle), **params))
            return cleantext.clean(head + extra + handle.read(), **params)

    return clean_file, "path", cleantext.__version__


def _opencc_cpp(params):
    import opencc

    converter = opencc.OpenCC(params.get("config", "t2s") + ".json")
    return converter.convert, "text", f"opencc {opencc.__version__}"


def _opencc_py(params):
    # opencc-python-reimplemented, the project's current dependency (module name `opencc` too).
    from importlib.metadata import version

    from opencc import OpenCC

    converter = OpenCC(params.get("config", "t2s"))
    return converter.convert, "text", f"opencc-python-reimplemented {version('opencc-python-reimplemented')}"


def _ftfy(params):
    import ftfy

    return ftfy.fix_text, "text", f"ftfy {ftfy.__version__}"


def _chardet(params):
    import chardet

    def decode(data):
        guess = chardet.detect(data)["encoding"] or "utf-8"
        return data.decode(guess, "replace")
    return decode, "bytes", f"chardet {chardet.__version__}"


def _charset_normalizer(params):
    import charset_normalizer

    def decode(data):
        return str(charset_normalizer.from_bytes(data).best())
    return decode, "bytes", f"charset-normalizer {charset_normalizer.__version__}"


def _trafilatura(params):
    import trafilatura

    return trafilatura.extract, "text", f"trafilatura {trafilatura.__version__}"


def _magic_html(params):
    from importlib.metadata import version

    from magic_html import GeneralExtractor

    extractor = GeneralExtractor()
    # magic-html returns the main content as HTML (its benchmark's own output form).
    return (lambda markup: extractor.extract(markup)["html"]), "text", f"magic-html {version('magic-html')}"


def _bs4_get_text(params):
    import bs4
    from bs4 import BeautifulSoup

    return (lambda markup: BeautifulSoup(markup, "lxml").get_text()), "text", f"beautifulsoup4 {bs4.__version__} + lxml"


def _chain(params):
    """What a user assembles today: trafilatura for HTML, ftfy, then OpenCC C++ to Simplified."""
    import ftfy
    import opencc
    import trafilatura

    converter = opencc.OpenCC("t2s.json")

    def clean(text):
        if params.get("html"):
            text = trafilatura.extract(text) or ""
        return converter.convert(ftfy.fix_text(text))
    versions = f"ftfy {ftfy.__version__} + opencc {opencc.__version__}"
    if params.get("html"):
        versions = f"trafilatura {trafilatura.__version__} + " + versions
    return clean, "text", versions  # handed text decoded with the known encoding: the chain has no detector


TASKS = {
    "cleantext.clean": _cleantext("clean"),
    "cleantext.convert": _cleantext("convert"),
    "cleantext.repair": _cleantext("repair"),
    "cleantext.decode": _cleantext("decode"),
    "cleantext.extract": _cleantext("extract"),
    "cleantext.clean_file": _cleantext_file,
    "opencc.convert": _opencc_cpp,
    "opencc-py.convert": _opencc_py,
    "ftfy.fix_text": _ftfy,
    "chardet.decode": _chardet,
    "charset-normalizer.decode": _charset_normalizer,
    "trafilatura.extract": _trafilatura,
    "magic-html.extract": _magic_html,
    "bs4.get_text": _bs4_get_text,
    "chain.clean": _chain,
}


def read_inputs(list_file: str, form: str) -> tuple[list, int]:
    items, total = [], 0
    with open(list_file, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            path, _, encoding = line.rstrip("\n").partition("\t")
            size = os.path.getsize(path)
            total += size
            if form == "path":
                items.append(path)
                continue
            with open(path, "rb") as f:
                data = f.read()
            items.append(data if form == "bytes" else data.decode(encoding or "utf-8", "replace"))
    return items, total


def _warmup_item(item, form):
    # A prefix is enough to load dictionaries and caches without doubling the time on big inputs.
    if form == "path":
        with open(item, "rb") as f:
            return ("bytes", f.read(65536))
    return (form, item[:65536])


def tolerant(function, errors: dict):
    """``function`` that counts an input it raises on (first message kept) instead of stopping:
    one bad page must not hide a tool's speed on the others. The time until it raised counts."""
    def call(item):
        try:
            return function(item)
        except Exception as exc:  # noqa: BLE001 - any failure of the tool under test
            errors.setdefault("first", (f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)[:200])
            errors["count"] = errors.get("count", 0) + 1
            return None
    return call


def run_task(function, items, form, repeats: int, budget: float, warmup: str) -> list[float]:
    if warmup == "full":
        for item in items:
            function(item)
    else:
        _, sample = _warmup_item(items[0], form)
        if form == "path":
            import cleantext  # the only path task

            cleantext.clean(sample)
        else:
            function(sample)
    times: list[float] = []
    spent = 0.0
    for _ in range(repeats):
        start = time.perf_counter()
        for item in items:
            function(item)
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        spent += elapsed
        if spent >= budget:
            break
    return times


def run_parallel(items: list[str], workers: int, repeats: int, budget: float, params: dict) -> tuple[list[float], str]:
    """``cleantext.clean`` over files through a multiprocessing pool, as a library user would."""
    import multiprocessing

    import cleantext

    with multiprocessing.Pool(workers, initializer=_pool_init, initargs=(params,)) as pool:
        pool.map(_pool_clean, items[: workers * 2], chunksize=1)  # warm-up: every worker loads its tables
        times, spent = [], 0.0
        for _ in range(repeats):
            start = time.perf_counter()
            pool.map(_pool_clean, items, chunksize=1)
            elapsed = time.perf_counter() - start
            times.append(elapsed)
            spent += elapsed
            if spent >= budget:
                break
    return times, cleantext.__version__


_POOL_PARAMS: dict = {}


def _pool_init(params):
    _POOL_PARAMS.update(params)


def _pool_clean(path):
    import cleantext

    with open(path, "rb") as f:
        try:
            return len(cleantext.clean(f.read(), **_POOL_PARAMS))
        except Exception:  # noqa: BLE001 - a bad file must not stop the batch
            return -1


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def run_spin(workers: int, repeats: int) -> tuple[list[float], str]:
    """A CPU-bound loop in a pool: how much parallelism the machine offers right now (a control)."""
    import multiprocessing

    with multiprocessing.Pool(workers) as pool:
        pool.map(_spin, [1000] * workers)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            pool.map(_spin, [2_000_000] * 16, chunksize=1)
            times.append(time.perf_counter() - start)
    return times, "control"


def run_iconv(items: list[str], encoding: str, repeats: int, budget: float) -> tuple[list[float], str]:
    """iconv over all the files in one process (so process start-up is paid once per run)."""
    command = ["iconv", "-c", "-f", encoding, "-t", "UTF-8", *items]  # -c: skip bad bytes, as decoders with errors=replace do
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    times, spent = [], 0.0
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        spent += elapsed
        if spent >= budget:
            break
    version = subprocess.run(["iconv", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    return times, version


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("task", choices=[*TASKS, "cleantext.parallel", "iconv", "control.spin"])
    ap.add_argument("--list", required=True, help="file listing the inputs, one path per line")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--budget", type=float, default=60.0, help="stop repeating after this many seconds")
    ap.add_argument("--warmup", choices=("full", "prefix"), default="full")
    ap.add_argument("--param", action="append", default=[], help="key=value passed to the task")
    args = ap.parse_args(argv)
    params = dict(p.split("=", 1) for p in args.param)

    if args.task in ("cleantext.parallel", "iconv", "control.spin"):
        items, total = read_inputs(args.list, "path")
        if args.task == "control.spin":
            times, version = run_spin(int(params.pop("workers")), args.repeats)
        elif args.task == "iconv":
            times, version = run_iconv(items, params.pop("encoding"), args.repeats, args.budget)
        else:
            workers = int(params.pop("workers"))
            times, version = run_parallel(items, workers, args.repeats, args.budget, params)
    else:
        function, form, version = TASKS[args.task](params)
        items, total = read_inputs(args.list, form)
        errors: dict = {}
        times = run_task(tolerant(function, errors), items, form, args.repeats, args.budget, args.warmup)
        if errors:  # counted over every pass: report the failing inputs of one pass
            failed_inputs = errors["count"] // (len(times) + 1)
    median = statistics.median(times)
    if args.task in TASKS and errors:
        failures = {"failed_inputs": failed_inputs, "first_error": errors["first"]}
    else:
        failures = {}
    json.dump({**failures,
        "task": args.task, "version": version, "bytes": total, "files": len(items), "times": times,
        "median": median, "mbps": total / median / 1e6 if median else None,
        "self_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
