"""Peer tools, each in its own virtual environment under benchmarks/.venvs/<peer>, built on demand.

Several people (and helpers) may build the same peer at the same moment, so a build is claimed
by creating the directory ``<peer>.lock`` (mkdir is atomic). Whoever creates it builds the venv
and then touches ``<peer>/.ok``; everyone else waits for ``.ok``. A failed build removes its lock,
so a later run tries again; a waiter whose builder is gone stops waiting and reports the failure.

    python benchmarks/venvs.py opencc ftfy     # build (or wait for) these peers
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENVS = HERE / ".venvs"


@dataclass(frozen=True)
class Peer:
    """A peer environment: the pip packages it needs and a module import that proves it works."""

    name: str
    packages: tuple[str, ...]
    check: str
    min_python: tuple[int, int] = (3, 8)


PEERS = {
    peer.name: peer
    for peer in (
        Peer("opencc", ("opencc",), "import opencc; opencc.OpenCC('t2s.json').convert('漢字')"),
        Peer("ftfy", ("ftfy",), "import ftfy"),
        # jusText (a trafilatura dependency) imports lxml.html.clean, which now lives in lxml_html_clean.
        Peer("trafilatura", ("trafilatura", "lxml_html_clean"), "import trafilatura"),
        Peer("magic-html", ("magic-html",), "import magic_html", min_python=(3, 12)),
        Peer("charset-normalizer", ("charset-normalizer",), "import charset_normalizer"),
        # The chain a user would assemble today for `clean`: trafilatura, then ftfy, then OpenCC.
        Peer("chain", ("ftfy", "opencc", "trafilatura", "lxml_html_clean"),
             "import ftfy, trafilatura, opencc; opencc.OpenCC('t2s.json')"),
    )
}

WAIT_SECONDS = 900
STALE_SECONDS = 1800  # no pip install of one peer takes this long: a lock this old was abandoned


class PeerUnavailable(Exception):
    """The peer cannot be used here; the message says why in a few words (shown as 'skipped')."""


def _python_version(python: str) -> tuple[int, int] | None:
    try:
        out = subprocess.run([python, "-c", "import sys; print(*sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    major, minor = out.stdout.split()
    return int(major), int(minor)


def base_python(min_version: tuple[int, int]) -> str | None:
    """A Python interpreter at least ``min_version`` to build a venv with, or None."""
    candidates = [sys.executable]
    for minor in range(min_version[1], 16):
        candidates.append(f"python3.{minor}")
    candidates += sorted(str(p) for p in Path("/root/.pyenv/versions").glob("3.*/bin/python3.*[0-9]"))
    for candidate in candidates:
        path = shutil.which(candidate) or (candidate if os.path.exists(candidate) else None)
        if path:
            version = _python_version(path)
            if version and version >= min_version:
                return path
    return None


def venv_python(name: str) -> Path:
    return VENVS / name / "bin" / "python"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _build(peer: Peer, log) -> None:
    python = base_python(peer.min_python)
    if python is None:
        raise PeerUnavailable(f"needs Python >= {'.'.join(map(str, peer.min_python))}, none found")
    target = VENVS / peer.name
    shutil.rmtree(target, ignore_errors=True)
    steps = [
        [python, "-m", "venv", str(target)],
        [str(venv_python(peer.name)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         *peer.packages],
        [str(venv_python(peer.name)), "-c", peer.check],
    ]
    for command in steps:
        log(f"[venv {peer.name}] {' '.join(command)}")
        result = subprocess.run(command, capture_output=True, text=True, timeout=1200)
        if result.returncode != 0:
            tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["?"]
            raise PeerUnavailable(f"{command[2] if len(command) > 2 else command[0]} failed: {tail[0][:120]}")
    (target / ".ok").touch()


def ensure(name: str, log=lambda msg: print(msg, file=sys.stderr)) -> Path:
    """The python of peer ``name``'s venv, building it (or waiting for its builder) first.

    Raises :class:`PeerUnavailable` when it cannot be had.
    """
    peer = PEERS[name]
    ok = VENVS / name / ".ok"
    if ok.exists():
        return venv_python(name)
    VENVS.mkdir(parents=True, exist_ok=True)
    lock = VENVS / f"{name}.lock"
    try:
        lock.mkdir()
    except FileExistsError:
        return _wait(name, lock, ok, log)
    (lock / "pid").write_text(str(os.getpid()))
    try:
        _build(peer, log)
    except BaseException as exc:
        shutil.rmtree(VENVS / name, ignore_errors=True)
        shutil.rmtree(lock, ignore_errors=True)
        if isinstance(exc, PeerUnavailable):
            raise
        if isinstance(exc, Exception):
            raise PeerUnavailable(f"build failed: {exc}") from None
        raise
    return venv_python(name)


def _wait(name: str, lock: Path, ok: Path, log) -> Path:
    log(f"[venv {name}] someone else is building it ({lock}); waiting for {ok}")
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if ok.exists():
            return venv_python(name)
        if not lock.exists():
            raise PeerUnavailable("another build of it failed (its lock went away without .ok)")
        pid_file = lock / "pid"
        try:
            pid = int(pid_file.read_text())
        except (OSError, ValueError):
            pid = None
        if pid is not None and not _pid_alive(pid) and not ok.exists():
            raise PeerUnavailable(f"stale lock {lock} (builder {pid} is gone); remove it to retry")
        try:
            age = time.time() - lock.stat().st_mtime
        except OSError:
            continue
        if age > STALE_SECONDS and not ok.exists():
            raise PeerUnavailable(f"lock {lock} is {age / 60:.0f} min old without .ok; remove it to retry")
        time.sleep(2)
    raise PeerUnavailable(f"waited {WAIT_SECONDS}s for {ok}")


def main(argv: list[str]) -> int:
    status = 0
    for name in argv or list(PEERS):
        try:
            print(f"{name}: {ensure(name)}")
        except PeerUnavailable as exc:
            print(f"{name}: unavailable: {exc}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
