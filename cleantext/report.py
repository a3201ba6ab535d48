"""The outcome of a run over many files, and the exit status it implies.

Modes of one code path, as in black: ``check`` says which files would change, ``diff``
shows how, ``write`` rewrites them (atomically). The exit status is 2 when an input was bad,
1 when a file changed or would change (what pre-commit expects of a fixer), 0 otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EXIT_OK, EXIT_CHANGED, EXIT_BAD_INPUT = 0, 1, 2
MODES = ("check", "diff", "write")


@dataclass
class Report:
    """Counts of changed, unchanged and failed files.

    >>> report = Report("check")
    >>> report.record_changed("a.txt"); report.record_unchanged("b.txt")
    >>> report.exit_code, report.summary()
    (1, '1 file would be changed, 1 file unchanged.')
    """

    mode: str = "check"
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def record_changed(self, name: str) -> None:
        self.changed.append(name)

    def record_unchanged(self, name: str) -> None:
        self.unchanged.append(name)

    def record_failed(self, name: str, reason: str) -> None:
        self.failed.append((name, reason))

    @property
    def exit_code(self) -> int:
        if self.failed:
            return EXIT_BAD_INPUT
        return EXIT_CHANGED if self.changed else EXIT_OK

    def summary(self) -> str:
        def count(n: int, what: str) -> str:
            return f"{n} file{'s' if n != 1 else ''} {what}"

        verb = "reformatted" if self.mode == "write" else "would be changed"
        parts = []
        if self.changed:
            parts.append(count(len(self.changed), verb))
        if self.unchanged or not (self.changed or self.failed):
            parts.append(count(len(self.unchanged), "unchanged"))
        if self.failed:
            parts.append(count(len(self.failed), "failed"))
        return ", ".join(parts) + "."
