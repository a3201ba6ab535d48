"""`make bench`: cleantext against its peers, side by side in one run, on the same inputs.

Every speed claim is a ratio against a named peer measured in this run. Each tool runs in its
own process (peers in their own venvs under benchmarks/.venvs/, built on demand) through
benchmarks/driver.py, which times the work inside the process: the median of up to 5 runs
after a warm-up. The table goes to standard output and, on a full run, to BENCHMARKS.md.

    python benchmarks/run.py                      # every row, writes BENCHMARKS.md
    python benchmarks/run.py --quick              # 1 MB inputs, 1 run each: a smoke run
    python benchmarks/run.py --rows convert,clean # selected rows (BENCHMARKS.md untouched)
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import venvs  # noqa: E402

DRIVER = HERE / "driver.py"
RESULTS = HERE / "results"
REPORT = ROOT / "BENCHMARKS.md"
MB = 1_000_000
ROWS = ("convert", "repair", "decode", "extract", "clean", "coldstart", "scaling", "parallel")


@dataclass
class Settings:
    size_mb: float = 1.0          # input size of the comparison rows
    convert_mb: float = 10.0      # input size of the convert rows (the issue asks for 10 MB or more)
    repeats: int = 5
    budget: float = 30.0          # seconds of timed runs per measurement before it stops repeating
    scaling_sizes: tuple[float, ...] = (1, 10, 100)
    parallel_mb: float = 10.0
    use_shared: bool = True


@dataclass
class Line:
    """One line of the table."""

    row: str
    input: str
    project: str
    peer: str
    peer_value: str = ""
    ratio: str = ""
    target: str = ""
    mark: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class Result:
    """What the driver printed, plus the peak RSS the parent saw for the driver process."""

    mbps: float
    median: float
    times: list[float]
    bytes: int
    files: int
    version: str
    peak_rss_kb: int
    failed_inputs: int = 0
    first_error: str = ""

    @property
    def runs(self) -> int:
        return len(self.times)


class Failed(Exception):
    """A measurement that could not be made: skipped (peer unavailable) or failed (crashed)."""

    def __init__(self, mark: str, reason: str):
        super().__init__(reason)
        self.mark, self.reason = mark, reason


class TimedOut(Exception):
    """A measurement killed after ``seconds``; ``peak_rss_kb`` is the peak it had reached."""

    def __init__(self, seconds: float, peak_rss_kb: int):
        super().__init__(f"killed after {seconds:.0f} s")
        self.seconds, self.peak_rss_kb = seconds, peak_rss_kb


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def project_python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def peer_python(peer: str | None) -> str:
    if peer is None:
        return project_python()
    try:
        return str(venvs.ensure(peer, log))
    except venvs.PeerUnavailable as exc:
        raise Failed("skipped", f"{peer}: {exc}") from None


def run_measured(command: list[str], timeout: float = 1800) -> tuple[str, str, int, int]:
    """Run a command; (stdout, stderr, exit status, peak RSS in KB of that process).

    A command still running after ``timeout`` seconds is killed and raises :class:`TimedOut`.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT)
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                raise TimedOut(timeout, usage.ru_maxrss)
            time.sleep(0.01)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"), \
            process.returncode, usage.ru_maxrss


def measure(task: str, inputs: list[Path] | list[tuple[Path, str]], settings: Settings, peer: str | None = None,
            params: dict | None = None, warmup: str = "full", repeats: int | None = None,
            timeout: float = 1800) -> Result:
    python = peer_python(peer)
    with tempfile.NamedTemporaryFile("w", suffix=".list", delete=False, encoding="utf-8") as listing:
        for item in inputs:
            path, encoding = item if isinstance(item, tuple) else (item, "")
            listing.write(f"{path}\t{encoding}\n" if encoding else f"{path}\n")
    command = [python, str(DRIVER), task, "--list", listing.name, "--repeats", str(repeats or settings.repeats),
               "--budget", str(settings.budget), "--warmup", warmup]
    for key, value in (params or {}).items():
        command += ["--param", f"{key}={value}"]
    try:
        stdout, stderr, status, rss = run_measured(command, timeout)
    finally:
        os.unlink(listing.name)
    if status != 0:
        last = (stderr.strip().splitlines() or [f"exit status {status}"])[-1]
        raise Failed("failed", f"{task}: {last[:160]}")
    try:
        data = json.loads(stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise Failed("failed", f"{task}: no result printed ({stderr.strip()[-160:] or 'no message'})") from None
    return Result(data["mbps"] or 0.0, data["median"], data["times"], data["bytes"], data["files"], data["version"], rss,
                  data.get("failed_inputs", 0), data.get("first_error", ""))


# ---------------------------------------------------------------- formatting


def speed(result: Result, settings: Settings) -> str:
    text = f"{result.mbps:.2f} MB/s" if result.mbps < 100 else f"{result.mbps:.0f} MB/s"
    if result.failed_inputs:
        text += f", failed on {result.failed_inputs}/{result.files} inputs"
    return text + (f" (n={result.runs})" if result.runs < settings.repeats else "")


def failure_notes(label: str, *results: Result | Failed) -> list[str]:
    return [f"{label if i else 'cleantext'} failed on {r.failed_inputs} of {r.files} inputs, first: {r.first_error}"
            for i, r in enumerate(results) if isinstance(r, Result) and r.failed_inputs]


def ratio_mark(ratio: float, target: float | None, higher_is_better: bool = True) -> str:
    if target is None:
        return ""
    ok = ratio >= target if higher_is_better else ratio <= target
    return "pass" if ok else "MISS"


def compare(row: str, label: str, project: Result | Failed, peers: list[tuple[str, str, Callable[[], Result]]],
            settings: Settings, targets: dict[str, float] | None = None) -> list[Line]:
    """Lines for one project measurement against several peers (each measured lazily, in order)."""
    targets = targets or {}
    lines = []
    for peer_name, peer_label, run_peer in peers:
        target = targets.get(peer_name)
        target_text = f">= {target:g}x" if target is not None else ""
        try:
            peer = run_peer()
        except Failed as exc:
            lines.append(Line(row, label, _value(project, settings), peer_label, exc.mark, "", target_text,
                              exc.mark, [exc.reason]))
            continue
        if isinstance(project, Failed):
            lines.append(Line(row, label, project.mark, peer_label, speed(peer, settings), "", target_text,
                              project.mark, [project.reason]))
            continue
        VERSIONS[peer_label] = peer.version
        ratio = project.mbps / peer.mbps
        notes = failure_notes(peer_label, project, peer)
        if lines and any(n.startswith("cleantext failed") for ln in lines for n in ln.notes):
            notes = [n for n in notes if not n.startswith("cleantext failed")]  # said once per input
        lines.append(Line(row, label, speed(project, settings), peer_label,
                          speed(peer, settings), f"{ratio:.2f}x", target_text, ratio_mark(ratio, target), notes))
    return lines


VERSIONS: dict[str, str] = {}  # peer label -> the versions its driver reported


def _value(result: Result | Failed, settings: Settings) -> str:
    return result.mark if isinstance(result, Failed) else speed(result, settings)


def attempt(function: Callable[[], Result]) -> Result | Failed:
    try:
        return function()
    except Failed as exc:
        log(f"  {exc.mark}: {exc.reason}")
        return exc


# ---------------------------------------------------------------- inputs


def synthetic(kind: str, script: str, size_mb: float, encoding: str = "utf-8") -> list[Path]:
    return corpus.corpus(kind, script, size_mb, encoding)


def _legacy_encoding(data: bytes) -> str | None:
    """gb18030 or big5hkscs for a file that is not UTF-8 and decodes strictly in one of them."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    for encoding in ("gb18030", "big5hkscs"):
        try:
            data.decode(encoding)
            return encoding
        except UnicodeDecodeError:
            continue
    return None


def _text_encoding(data: bytes) -> str:
    """How the driver should read a shared file as text (for the peers that take text)."""
    return _legacy_encoding(data) or ("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8")


SHARED_CAP = 1 * corpus.MB  # per case set, so a run with ../shared stays within minutes


def shared_inputs(sets: tuple[str, ...], suffixes: tuple[str, ...]) -> list[tuple[Path, str]]:
    """Inputs of ../shared/eval case sets (at most SHARED_CAP bytes of each), with their encodings."""
    found = []
    for name in sets:
        total = 0
        for path in sorted((SHARED_EVAL / name).glob("*/input.*")):
            if path.suffix not in suffixes or total >= SHARED_CAP:
                continue
            data = path.read_bytes()
            total += len(data)
            found.append((path, _text_encoding(data)))
    return found


def have_shared(settings: Settings) -> bool:
    return settings.use_shared and SHARED_EVAL.is_dir()


HTML_SETS = ("realhtml", "cleaneval-html", "zhwce", "magichtml")
TEXT_SETS = ("seeds", "devset", "cleaneval-text")


# ---------------------------------------------------------------- rows


# Targets of the convert rows, per config and peer.
CONVERT_TARGETS = {"t2s": {"opencc": 1.0, "opencc-py": 20.0}, "s2t": {"opencc": 0.7}}
FIRST_CONVERSION_MS = 60  # target: the first conversion in a fresh process, import included


def row_convert(settings: Settings) -> list[Line]:
    traditional, simplified = corpus.conversion_pair(settings.convert_mb, have_shared(settings))
    origin = "gold texts of ../shared/eval" if have_shared(settings) else "samples/"
    lines = []
    for config, path in (("t2s", traditional), ("s2t", simplified)):
        script = "Traditional" if path == traditional else "Simplified"
        label = f"{script} text {path.stat().st_size / MB:.0f} MB ({origin})"
        log(f"convert -c {config}: {label}")
        params = {"config": config}
        project = attempt(lambda: measure("cleantext.convert", [path], settings, params=params))  # noqa: B023
        peers = [
            ("opencc", "OpenCC C++", lambda: measure("opencc.convert", [path], settings, "opencc", params)),  # noqa: B023
            ("opencc-py", "opencc-python-reimplemented",
             lambda: measure("opencc-py.convert", [path], settings, None, params)),  # noqa: B023
        ]
        lines += compare(f"convert -c {config}", label, project, peers, settings, CONVERT_TARGETS.get(config))
    return lines + first_conversion(settings)


FIRST_CONVERSION = {
    "cleantext": "from cleantext.convert import convert\nconvert('這是一個測試，來源：北國網')",
    "opencc": "import opencc\nopencc.OpenCC('t2s.json').convert('這是一個測試，來源：北國網')",
}


def first_conversion(settings: Settings) -> list[Line]:
    """The first t2s conversion in a fresh process, import included, less the bare interpreter's start."""
    label = "first t2s conversion in a fresh process (import included, interpreter start-up excluded)"
    log(f"convert: {label}")

    def cost(python: str, program: str) -> float:
        bare = statistics.median(_wall_times([python, "-c", "pass"], settings))
        return statistics.median(_wall_times([python, "-c", program], settings)) - bare

    try:
        project = cost(project_python(), FIRST_CONVERSION["cleantext"])
    except (OSError, subprocess.CalledProcessError) as exc:
        return [Line("convert cold", label, "failed", "", mark="failed", notes=[str(exc)])]
    value = f"{project * 1000:.0f} ms"
    target = f"<= {FIRST_CONVERSION_MS} ms"
    mark = "pass" if project * 1000 <= FIRST_CONVERSION_MS else "MISS"
    try:
        peer = cost(peer_python("opencc"), FIRST_CONVERSION["opencc"])
    except Failed as exc:
        return [Line("convert cold", label, value, "OpenCC C++", exc.mark, "", target, mark, [exc.reason])]
    except (OSError, subprocess.CalledProcessError) as exc:
        return [Line("convert cold", label, value, "OpenCC C++", "failed", "", target, mark, [str(exc)])]
    return [Line("convert cold", label, value, "OpenCC C++", f"{peer * 1000:.0f} ms", f"{project / peer:.2f}x",
                 target, mark)]


def row_repair(settings: Settings) -> list[Line]:
    lines = []
    for kind, label in (("text", "clean text"), ("damaged", "damaged text")):
        files = synthetic(kind, "simp", settings.size_mb)
        label = f"{label} {settings.size_mb:g} MB"
        log(f"repair: {label}")
        project = attempt(lambda: measure("cleantext.repair", files, settings))  # noqa: B023
        peers = [("ftfy", "ftfy fix_text", lambda: measure("ftfy.fix_text", files, settings, "ftfy"))]  # noqa: B023
        lines += compare("repair", label, project, peers, settings)
    return lines


def _decode_peers(files: list, settings: Settings, iconv_encoding: str):
    return [
        ("chardet", "chardet alone", lambda: measure("chardet.decode", files, settings)),
        ("charset-normalizer", "charset-normalizer",
         lambda: measure("charset-normalizer.decode", files, settings, "charset-normalizer")),
        ("iconv", f"iconv -f {iconv_encoding} (told the encoding; the floor)",
         lambda: measure("iconv", files, settings, params={"encoding": iconv_encoding})),
    ]


def row_decode(settings: Settings) -> list[Line]:
    lines = []
    for script, encoding, iconv_name in (("simp", "gb18030", "GB18030"), ("trad", "big5", "BIG5")):
        files = synthetic("text", script, settings.size_mb, encoding)
        label = f"{encoding.upper()} text ({settings.size_mb:g} MB as UTF-8)"
        log(f"decode: {label}")
        project = attempt(lambda: measure("cleantext.decode", files, settings))  # noqa: B023
        lines += compare("decode", label, project, _decode_peers(files, settings, iconv_name), settings)
    if have_shared(settings):
        legacy = [(p, e) for p, e in shared_inputs(HTML_SETS + TEXT_SETS, (".txt", ".html", ".htm"))
                  if e in ("gb18030", "big5hkscs")]
        for encoding, iconv_name in (("gb18030", "GB18030"), ("big5hkscs", "BIG5-HKSCS")):
            files = [p for p, e in legacy if e == encoding]
            if not files:
                continue
            label = f"../shared/eval {encoding.upper()} files ({len(files)})"
            log(f"decode: {label}")
            project = attempt(lambda: measure("cleantext.decode", files, settings))  # noqa: B023
            lines += compare("decode", label, project, _decode_peers(files, settings, iconv_name), settings)
    return lines


def row_extract(settings: Settings) -> list[Line]:
    inputs = [(f"synthetic HTML pages {settings.size_mb:g} MB", synthetic("html", "simp", settings.size_mb))]
    if have_shared(settings):
        found = shared_inputs(HTML_SETS, (".html", ".htm"))
        inputs.append((f"../shared/eval HTML pages ({len(found)})", found))
    lines = []
    for label, files in inputs:
        log(f"extract: {label}")
        project = attempt(lambda: measure("cleantext.extract", files, settings))  # noqa: B023
        peers = [
            ("trafilatura", "trafilatura extract",
             lambda: measure("trafilatura.extract", files, settings, "trafilatura")),  # noqa: B023
            ("magic-html", "magic-html (returns HTML)",
             lambda: measure("magic-html.extract", files, settings, "magic-html")),  # noqa: B023
            ("bs4", "bs4 get_text", lambda: measure("bs4.get_text", files, settings)),  # noqa: B023
        ]
        lines += compare("extract", label, project, peers, settings, {"trafilatura": 2.0})
    return lines


CLEAN_MBPS_TARGET = 10.0


def row_clean(settings: Settings) -> list[Line]:
    inputs = [
        ("text", f"Traditional page text {settings.size_mb:g} MB", synthetic("text", "trad", settings.size_mb)),
        ("html", f"Traditional HTML pages {settings.size_mb:g} MB", synthetic("html", "trad", settings.size_mb)),
    ]
    if have_shared(settings):
        text = shared_inputs(TEXT_SETS, (".txt",))
        html = shared_inputs(HTML_SETS, (".html", ".htm"))
        inputs += [("text", f"../shared/eval text ({len(text)})", text),
                   ("html", f"../shared/eval HTML ({len(html)})", html)]
    lines = []
    for kind, label, files in inputs:
        log(f"clean: {label}")
        project = attempt(lambda: measure("cleantext.clean", files, settings))  # noqa: B023
        chain = "trafilatura + ftfy + OpenCC" if kind == "html" else "ftfy + OpenCC"
        params = {"html": "1"} if kind == "html" else {}
        peers = [("chain", chain, lambda: measure("chain.clean", files, settings, "chain", params))]  # noqa: B023
        new = compare(f"clean {kind}", label, project, peers, settings, {"chain": 3.0} if kind == "text" else None)
        if kind == "text":
            for line in new:
                line.target = f">= {CLEAN_MBPS_TARGET:g} MB/s and >= 3x"
                if isinstance(project, Result) and line.mark in ("pass", "MISS"):
                    fast = project.mbps >= CLEAN_MBPS_TARGET
                    line.mark = "pass" if fast and line.mark == "pass" else "MISS"
        lines += new
    return lines


def _wall_times(command: list[str], settings: Settings) -> list[float]:
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, check=True)  # warm-up
    times = []
    for _ in range(settings.repeats):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, check=True)
        times.append(time.perf_counter() - start)
    return times


def coldstart_file() -> Path:
    """About 1 KB of Traditional page text, cut at a line end."""
    path = corpus.cache_folder(corpus.CACHE) / "coldstart-1kb.txt"
    if not path.exists():
        text = synthetic("text", "trad", 1)[0].read_bytes().decode("utf-8")
        cut = text[:400]
        while len(cut.encode("utf-8")) > 1024:
            cut = cut[:-20]
        path.write_bytes(cut[: cut.rfind("\n") + 1].encode("utf-8"))
    return path


def row_coldstart(settings: Settings) -> list[Line]:
    sample = coldstart_file()
    label = f"{sample.stat().st_size} B file, whole process"
    cleantext_bin = Path(project_python()).with_name("cleantext")
    log(f"cold start: {label}")
    try:
        project = statistics.median(_wall_times([str(cleantext_bin), "clean", str(sample)], settings))
    except (OSError, subprocess.CalledProcessError) as exc:
        return [Line("cold start", label, "failed", "", notes=[str(exc)], mark="failed")]
    peers: list[tuple[str, str, Callable[[], list[str]], float | None]] = [
        ("click", 'python -c "import click"', lambda: [project_python(), "-c", "import click"], 2.0),
        ("opencc", "opencc CLI (OpenCC C++)",
         lambda: [str(Path(peer_python("opencc")).with_name("opencc")), "-c", "t2s", "-i", str(sample)], None),
    ]
    lines = []
    for _, peer_label, command, target in peers:
        target_text = f"<= {target:g}x" if target else ""
        try:
            peer = statistics.median(_wall_times(command(), settings))
        except Failed as exc:
            lines.append(Line("cold start", label, f"{project * 1000:.0f} ms", peer_label, exc.mark,
                              target=target_text, mark=exc.mark, notes=[exc.reason]))
            continue
        except (OSError, subprocess.CalledProcessError) as exc:
            lines.append(Line("cold start", label, f"{project * 1000:.0f} ms", peer_label, "failed",
                              target=target_text, mark="failed", notes=[str(exc)]))
            continue
        ratio = project / peer
        lines.append(Line("cold start", label, f"{project * 1000:.0f} ms", peer_label, f"{peer * 1000:.0f} ms",
                          f"{ratio:.2f}x", target_text, ratio_mark(ratio, target, higher_is_better=False)))
    return lines


LOAD_AT_START = "?"
RSS_FLAT = 1.5  # peak RSS at a size may be at most this multiple of the peak RSS at the smallest size
# One run of `clean` on the biggest file may take this long; a slower one is killed and reported as
# "slower than size/SCALING_CAP MB/s", so `make bench` stays within its 10 minutes.
SCALING_CAP = 180.0


def row_scaling(settings: Settings) -> list[Line]:
    lines, base = [], None
    for size in settings.scaling_sizes:
        path = corpus.joined("text", "trad", size)
        label = f"one {size:g} MB Traditional text file"
        log(f"scaling: {label}")
        try:
            result = attempt(lambda: measure("cleantext.clean_file", [path], settings,  # noqa: B023
                                             warmup="prefix", timeout=SCALING_CAP))
        except TimedOut as exc:
            slow = f"< {size / exc.seconds:.2f} MB/s (killed after {exc.seconds:.0f} s), " \
                   f"peak RSS >= {exc.peak_rss_kb / 1024:.0f} MB"
            rss_ratio = exc.peak_rss_kb / base.peak_rss_kb if base else 0
            lines.append(Line("scaling", label, slow, f"cleantext at {settings.scaling_sizes[0]:g} MB", "",
                              f"RSS >= {rss_ratio:.1f}x" if base else "", f"RSS <= {RSS_FLAT:g}x",
                              "MISS" if rss_ratio > RSS_FLAT else "timed out"))
            continue
        if isinstance(result, Failed):
            lines.append(Line("scaling", label, result.mark, "", mark=result.mark, notes=[result.reason]))
            continue
        value = f"{speed(result, settings)}, peak RSS {result.peak_rss_kb / 1024:.0f} MB"
        if base is None:
            base = result
            lines.append(Line("scaling", label, value, "(the base for the lines below)", target="RSS flat"))
            continue
        speed_ratio = result.mbps / base.mbps
        rss_ratio = result.peak_rss_kb / base.peak_rss_kb
        lines.append(Line("scaling", label, value, f"cleantext at {settings.scaling_sizes[0]:g} MB",
                          f"{speed(base, settings)}, peak RSS {base.peak_rss_kb / 1024:.0f} MB",
                          f"speed {speed_ratio:.2f}x, RSS {rss_ratio:.1f}x", f"RSS <= {RSS_FLAT:g}x",
                          "pass" if rss_ratio <= RSS_FLAT else "MISS"))
    return lines


def _has_batch() -> bool:
    cleantext_bin = Path(project_python()).with_name("cleantext")
    return subprocess.run([str(cleantext_bin), "batch", "--help"], capture_output=True, cwd=ROOT).returncode == 0


def _batch_run(folder: Path, workers: int, settings: Settings) -> Result:
    """`cleantext batch FOLDER -o OUT -j N`, timed as whole processes (median after a warm-up)."""
    cleantext_bin = Path(project_python()).with_name("cleantext")
    size = sum(p.stat().st_size for p in folder.glob("*.txt"))
    times: list[float] = []
    for attempt_number in range(settings.repeats + 1):
        with tempfile.TemporaryDirectory() as out:
            command = [str(cleantext_bin), "batch", str(folder), "-o", out, "-j", str(workers)]
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
            elapsed = time.perf_counter() - start
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
            raise Failed("failed", f"cleantext batch -j {workers}: {last[:160]}")
        if attempt_number:  # the first run is the warm-up
            times.append(elapsed)
            if sum(times) >= settings.budget:
                break
    median = statistics.median(times)
    return Result(size / median / 1e6, median, times, size, len(list(folder.glob("*.txt"))), "batch", 0)


def _control_line(settings: Settings) -> Line:
    """The same 1-vs-2 comparison for a pure CPU loop: the parallelism the machine offers right now
    (other work on a 2-core machine takes it away, and then no program can reach 1.7x)."""
    label = "control: a CPU-bound Python loop, 16 tasks"
    try:
        one = measure("control.spin", [], settings, params={"workers": 1})
        two = measure("control.spin", [], settings, params={"workers": 2})
    except Failed as exc:
        return Line("parallel", label, exc.mark, "1 process", mark=exc.mark, notes=[exc.reason])
    return Line("parallel", label, f"2 processes: {two.median:.2f} s", "1 process", f"{one.median:.2f} s",
                f"{one.median / two.median:.2f}x", "(machine headroom)", "")


def row_parallel(settings: Settings) -> list[Line]:
    files = synthetic("text", "trad", settings.parallel_mb)
    label = f"{settings.parallel_mb:g} MB Traditional text in {len(files)} files"
    log(f"parallel: {label}")
    return [*_parallel_lines(files, label, settings), _control_line(settings)]


def _parallel_lines(files: list[Path], label: str, settings: Settings) -> list[Line]:
    notes = []
    if _has_batch():
        one = attempt(lambda: _batch_run(files[0].parent, 1, settings))
        two = attempt(lambda: _batch_run(files[0].parent, 2, settings)) if isinstance(one, Result) else one
        if isinstance(one, Result) and isinstance(two, Result):
            ratio = two.mbps / one.mbps
            return [Line("parallel", label, f"batch -j 2: {speed(two, settings)}", "cleantext batch -j 1",
                         speed(one, settings), f"{ratio:.2f}x", ">= 1.7x", ratio_mark(ratio, 1.7),
                         ["whole `cleantext batch` processes, start-up included"])]
        notes.append(f"cleantext batch failed, measured the library's pool instead: {two.reason}")
    one = attempt(lambda: measure("cleantext.parallel", files, settings, params={"workers": 1}))
    two = attempt(lambda: measure("cleantext.parallel", files, settings, params={"workers": 2}))
    if isinstance(one, Failed) or isinstance(two, Failed):
        failed = one if isinstance(one, Failed) else two
        return [Line("parallel", label, failed.mark, "1 worker", mark=failed.mark, notes=[*notes, failed.reason])]
    ratio = two.mbps / one.mbps
    return [Line("parallel", label, f"2 workers: {speed(two, settings)}", "1 worker (multiprocessing pool)",
                 speed(one, settings), f"{ratio:.2f}x", ">= 1.7x", ratio_mark(ratio, 1.7), notes)]


ROW_FUNCTIONS = {
    "convert": row_convert, "repair": row_repair, "decode": row_decode, "extract": row_extract,
    "clean": row_clean, "coldstart": row_coldstart, "scaling": row_scaling, "parallel": row_parallel,
}


# ---------------------------------------------------------------- report


HEADER = ("row", "input", "cleantext", "peer", "peer result", "ratio", "target", "result")


def table(lines: list[Line]) -> str:
    rows = [HEADER, *((ln.row, ln.input, ln.project, ln.peer, ln.peer_value, ln.ratio, ln.target, ln.mark)
                      for ln in lines)]
    out = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows[1:]]
    return "\n".join(out)


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    python = subprocess.run([project_python(), "-c", "import sys; print(sys.version.split()[0])"],
                            capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "cleantext"],
                           capture_output=True, text=True, cwd=ROOT).stdout.strip()
    cleantext_version = subprocess.run([project_python(), "-c", "import cleantext; print(cleantext.__version__)"],
                                       capture_output=True, text=True, cwd=ROOT).stdout.strip()
    return {
        "cpu": cpu, "cores": str(os.cpu_count()), "memory": memory, "os": f"{platform.system()} {platform.release()}",
        "python": python, "commit": (commit or "?") + (" with uncommitted changes in cleantext/" if dirty else ""),
        "cleantext": cleantext_version or "?", "load": LOAD_AT_START,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def report(lines: list[Line], info: dict[str, str], settings: Settings, elapsed: float, shared: bool) -> str:
    notes = [f"- {ln.row} / {ln.peer or ln.input}: {note}" for ln in lines for note in ln.notes]
    targets = "\n".join(f"- {ln.row}, {ln.input}" + (f" vs {ln.peer}" if ln.peer and "base" not in ln.peer else "")
                        + f": cleantext {ln.project}" + (f", ratio {ln.ratio}" if ln.ratio else "")
                        + f"; target {ln.target}: **{ln.mark}**"
                        for ln in lines if ln.target and ln.mark)
    versions = "\n".join(f"- {label}: {version}" for label, version in sorted(VERSIONS.items()))
    inputs = ("the synthetic corpus and the real case sets of ../shared/eval (at most 1 MB of each set)"
              if shared else "the synthetic corpus only (" + (
                  "../shared was not present)" if settings.use_shared else "../shared not used in this run)"))
    return f"""# Benchmarks

Every speed claim of cleantext is a ratio against a named peer, measured in the same run on the
same input; absolute MB/s drift between runs and machines. Regenerate this file with `make bench`.

- Machine: {info['cpu']}, {info['cores']} cores, {info['memory']} memory, {info['os']}
- Python {info['python']} (the project's .venv); peers in their own venvs under benchmarks/.venvs/
- Date: {info['date']}, commit {info['commit']}; the whole run took {elapsed / 60:.1f} min;
  load average {info['load']} at the start (other work on the machine slows every tool alike,
  but it hurts the parallel row most)
- Inputs: {inputs}

## Reproduce

    make bench                                   # every row; rewrites this file
    .venv/bin/python benchmarks/run.py --quick   # 1 MB inputs, 1 run each: a smoke run
    .venv/bin/python benchmarks/run.py --rows convert,extract   # chosen rows only

Rows: {', '.join(ROWS)}.
The first run builds the peers' venvs (pip) and the corpus (benchmarks/.corpus/, seeded: the
same bytes every time) and caches both.

## Targets

{targets}

## Results

{table(lines)}

ratio: cleantext's MB/s over the peer's (above 1 means cleantext is faster); for cold start,
cleantext's time over the peer's (below 1 means faster); for parallel, 2 workers over 1; for
scaling, the speed and peak RSS at that size over those at the smallest size. `(n=k)`: only k
timed runs fitted in the {settings.budget:g} s budget of a measurement (a slow tool on a big input).
{chr(10).join(['', 'Notes:', *notes]) if notes else ''}

Versions measured:
- cleantext: {info['cleantext']} (commit {info['commit']})
{versions}

## Method

- Each tool runs in its own process (`benchmarks/driver.py`) under its own interpreter: the
  project's .venv for cleantext, opencc-python-reimplemented, chardet and bs4; a venv per peer
  for OpenCC C++ (`opencc`), ftfy, trafilatura, magic-html (Python >= 3.12) and
  charset-normalizer, and one for the chain (`ftfy`, `opencc`, `trafilatura`). The driver reads
  every input into memory, makes one warm-up pass, then times up to {settings.repeats} passes with
  `time.perf_counter` and reports the median; start-up and imports are not timed, except in the
  cold-start row, which times whole processes (median of {settings.repeats} after a warm-up).
- MB/s is input bytes (as stored on disk) per second, 1 MB = 10^6 bytes.
- Synthetic corpus (`benchmarks/corpus.py`, seed {corpus.SEED}): documents recombined from the
  sentences, clauses and page-chrome lines of `samples/`; Traditional documents mix the
  Traditional sample's lines with the other sentences mapped character by character to
  Traditional (OpenCC's STCharacters table, first choice, and the pairs that sample shows). Text pages carry breadcrumbs, source lines and footers; HTML pages have head,
  nav, article, aside and footer; damaged text has lines of UTF-8 read as cp1252 or GBK and
  (double-)escaped entities. Comparison rows use {settings.size_mb:g} MB of pages; GB18030 and Big5
  files are the same pages encoded (so they are smaller than their UTF-8 size).
- decode: cleantext, chardet and charset-normalizer detect the encoding and decode; iconv is
  told the encoding, so it is the floor, not a competitor.
- extract: trafilatura returns text, bs4 `get_text` all text without selection, magic-html the
  main content as HTML.
- clean: the chain is what a user would assemble today: trafilatura (HTML only), then ftfy
  `fix_text`, then OpenCC C++ t2s; it is handed decoded text, cleantext gets the bytes.
- scaling: one file of each size taken as `cleantext clean FILE` takes it (read whole up to
  2 MB; a larger text file is read and cleaned piece by piece by `cleantext.stream`), in a
  fresh process per size; peak RSS is that process's maximum resident set
  (`os.wait4`). Flat means the peak at 10 and 100 MB is at most {RSS_FLAT:g}x the peak at 1 MB.
- parallel: the {settings.parallel_mb:g} MB corpus, one file per document, cleaned by `cleantext batch -j 1`
  and `-j 2` (whole processes, median after a warm-up) when the batch command exists; otherwise
  `cleantext.clean` through a `multiprocessing.Pool` of 1 and of 2 workers (pool start-up not timed).
- A scaling run that takes longer than {SCALING_CAP:g} s is killed and reported as slower than
  size / {SCALING_CAP:g} s, with the peak RSS it had reached.
"""


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="1 MB inputs everywhere and 1 run per measurement")
    ap.add_argument("--rows", help=f"comma-separated rows to run: {','.join(ROWS)}")
    ap.add_argument("--no-shared", action="store_true", help="ignore ../shared even when it is there")
    ap.add_argument("--write", action="store_true", help="write BENCHMARKS.md even for --quick or --rows")
    ap.add_argument("--no-write", action="store_true", help="do not write BENCHMARKS.md")
    args = ap.parse_args(argv)
    settings = Settings(use_shared=not args.no_shared)
    if args.quick:
        settings = Settings(repeats=1, budget=5, convert_mb=1, scaling_sizes=(1,), parallel_mb=1, use_shared=False)
    rows = [r.strip() for r in args.rows.split(",")] if args.rows else list(ROWS)
    unknown = [r for r in rows if r not in ROW_FUNCTIONS]
    if unknown:
        ap.error(f"unknown row {unknown[0]!r}; rows are {', '.join(ROWS)}")

    global LOAD_AT_START
    LOAD_AT_START = " ".join(f"{x:.2f}" for x in os.getloadavg())
    started = time.perf_counter()
    lines: list[Line] = []
    for row in rows:
        row_started = time.perf_counter()
        try:
            lines += ROW_FUNCTIONS[row](settings)
        except Exception as exc:  # a broken row must not take the others down
            lines.append(Line(row, "", "failed", "", mark="failed", notes=[f"{type(exc).__name__}: {exc}"]))
        log(f"  [{row}: {time.perf_counter() - row_started:.0f} s]")
    elapsed = time.perf_counter() - started

    print(table(lines))
    for line in lines:
        for note in line.notes:
            print(f"  note ({line.row} / {line.peer or line.input}): {note}")
    print(f"\n{len(lines)} lines in {elapsed:.0f} s")
    info = machine()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps({"machine": info, "settings": asdict(settings),
                                                     "lines": [asdict(ln) for ln in lines]}, indent=1))
    full = not args.quick and not args.rows
    if (full or args.write) and not args.no_write:
        REPORT.write_text(report(lines, info, settings, elapsed, have_shared(settings)), encoding="utf-8")
        print(f"wrote {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
