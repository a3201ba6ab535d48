"""The synthetic benchmark corpus: seeded, reproducible documents made from ``samples/``.

Sentences, clauses and page-chrome lines come from the samples; a seeded random generator
recombines them into documents, so the same seed always gives the same bytes, and the 1 MB
corpus is a prefix of the 10 MB one. Kinds:

- ``text``: a page copied as text (breadcrumb, title, source line, paragraphs, footer);
- ``html``: the same content as a whole HTML page (head, nav, article, aside, footer);
- ``damaged``: text lines hit by the damage repair undoes (UTF-8 read as cp1252 or as GBK,
  HTML entities, double-escaped entities), with clean lines between them.

Scripts: ``simp`` (Simplified) and ``trad`` (Traditional: Simplified sentences mapped character by
character through OpenCC's STCharacters table and the pairs samples/traditional.* shows, plus
that sample's own Traditional lines).

Corpora are cached under ``benchmarks/.corpus/`` (git-ignored):

    python benchmarks/corpus.py text trad 10          # -> benchmarks/.corpus/v1-<digest>/text-trad-10mb/
    python benchmarks/corpus.py text simp 1 --encoding gb18030
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import html
import json
import random
import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLES = ROOT / "samples"
CACHE = HERE / ".corpus"
VERSION = "v1"  # bump when the generator changes, so stale caches are not reused
SEED = 20240312
MB = 1_000_000
KINDS = ("text", "html", "damaged")
SCRIPTS = ("simp", "trad")
EXTENSIONS = {"text": "txt", "html": "html", "damaged": "txt"}

SENTENCE = re.compile(r"[^。！？]+[。！？][”」]?")
CLAUSE_SPLIT = re.compile(r"(?<=[，、；：])")



def _sloppy_cp1252() -> dict[int, str]:
    """Latin-1 -> Windows-1252 as browsers decode it: the five bytes cp1252 leaves undefined stay Latin-1."""
    table = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            pass
    return table


SLOPPY_CP1252 = _sloppy_cp1252()


@dataclass(frozen=True)
class Pools:
    """What documents are made of, all taken from samples/."""

    sentences: tuple[str, ...]
    clauses: tuple[str, ...]
    titles: tuple[str, ...]
    chrome: tuple[str, ...]
    nav: tuple[str, ...]
    to_traditional: dict[str, str]
    traditional_lines: tuple[str, ...]
    traditional_chrome: tuple[str, ...]


def _read(name: str) -> str:
    return (SAMPLES / name).read_bytes().decode("utf-8")


def _expected_lines() -> list[str]:
    lines = []
    for path in sorted(SAMPLES.glob("*.expected.txt")):
        lines += [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    return lines


def _dictionary_pairs() -> dict[str, str]:
    """Simplified -> Traditional characters of OpenCC's STCharacters table, first choice, as
    shipped by opencc-python-reimplemented (a runtime dependency); empty when it is not there.

    The samples alone show only a few dozen pairs, which would leave most of a "Traditional"
    page Simplified (and a tenth of its characters outside Big5).
    """
    import importlib.util

    spec = importlib.util.find_spec("opencc")
    if spec is None or spec.origin is None:
        return {}
    table = Path(spec.origin).parent / "dictionary" / "STCharacters.txt"
    if not table.exists():
        return {}
    pairs = {}
    for line in table.read_text("utf-8").splitlines():
        simplified, _, targets = line.partition("\t")
        if len(simplified) == 1 and targets:
            pairs[simplified] = targets.split()[0]
    return pairs


def _traditional_pairs() -> dict[str, str]:
    """Simplified -> Traditional characters: OpenCC's table, then the pairs samples/traditional.*
    shows (which win)."""
    return {**_dictionary_pairs(), **sample_pairs()}


def sample_pairs() -> dict[str, str]:
    """Simplified -> Traditional character pairs read off samples/traditional.{input,expected}.

    Lines of equal length are aligned character by character; where they differ, the pair is a
    conversion the sample shows.
    """
    source = [line.strip("\u3000 ") for line in _read("traditional.input.txt").splitlines()]
    target = [line.strip() for line in _read("traditional.expected.txt").splitlines()]
    pairs: dict[str, str] = {}
    for trad in source:
        for simp in target:
            if len(trad) == len(simp) and trad and sum(a == b for a, b in zip(trad, simp, strict=True)) > len(trad) / 2:
                pairs.update((s, t) for t, s in zip(trad, simp, strict=True) if s != t)
    return pairs


@functools.cache
def pools() -> Pools:
    expected = _expected_lines()
    expected_set = set(expected)
    sentences = [s for line in expected for s in SENTENCE.findall(line)]
    clauses = [c for s in sentences for c in CLAUSE_SPLIT.split(s.rstrip("。！？”」")) if len(c) > 2]
    titles = [line for line in expected if not SENTENCE.search(line) and 6 <= len(line) <= 30 and not line.endswith("：")]
    to_traditional = _traditional_pairs()
    to_simplified = str.maketrans({t: s for s, t in to_traditional.items()})
    chrome, traditional_chrome = [], []
    for path in sorted(SAMPLES.glob("*.input.txt")):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        lines = [line.strip("\u3000 ") for line in text.splitlines()]
        lines = [line for line in lines if line and line.translate(to_simplified) not in expected_set
                 and not SENTENCE.search(line)]
        (traditional_chrome if path.name.startswith("traditional.") else chrome).extend(lines)
    markup = _read("news-page.input.html")
    nav = re.findall(r"<li><a [^>]*>([^<]+)</a></li>", markup)
    traditional_lines = [line.strip("\u3000 ") for line in _read("traditional.input.txt").splitlines()
                         if SENTENCE.search(line)]
    return Pools(tuple(sentences), tuple(clauses), tuple(titles), tuple(sorted(set(chrome))), tuple(nav),
                 to_traditional, tuple(traditional_lines), tuple(sorted(set(traditional_chrome))))


class Generator:
    """A seeded stream of documents of one kind and script."""

    def __init__(self, kind: str, script: str, seed: int = SEED):
        if kind not in KINDS or script not in SCRIPTS:
            raise ValueError(f"kind must be one of {KINDS}, script one of {SCRIPTS}")
        self.kind, self.script = kind, script
        self.pools = pools()
        self.rng = random.Random(f"{seed}-{kind}-{script}")
        self._table = str.maketrans(self.pools.to_traditional) if script == "trad" else None

    def _script(self, text: str) -> str:
        return text.translate(self._table) if self._table else text

    def sentence(self) -> str:
        rng = self.rng
        if self.script == "trad" and rng.random() < 0.4:
            return rng.choice(self.pools.traditional_lines)
        if rng.random() < 0.5:
            return self._script(rng.choice(self.pools.sentences))
        parts = [rng.choice(self.pools.clauses).rstrip("，、；：") for _ in range(rng.randint(2, 4))]
        return self._script("，".join(parts) + rng.choice("。。。！？"))

    def chrome(self) -> str:
        """A page-chrome line: breadcrumb, source and date, copyright or ICP footer."""
        if self.script == "trad" and self.rng.random() < 0.3:
            return self.rng.choice(self.pools.traditional_chrome)
        return self._script(self.rng.choice(self.pools.chrome))

    def paragraph(self) -> str:
        return "".join(self.sentence() for _ in range(self.rng.randint(2, 6)))

    def title(self) -> str:
        return self._script(self.rng.choice(self.pools.titles))

    def _body(self) -> tuple[str, list[str]]:
        target = self.rng.randint(4_000, 40_000)
        paragraphs, size = [], 0
        while size < target:
            paragraphs.append(self.paragraph())
            size += len(paragraphs[-1].encode("utf-8"))
        return self.title(), paragraphs

    def text_document(self) -> str:
        rng = self.rng
        title, paragraphs = self._body()
        lines = [self.chrome()] if rng.random() < 0.7 else []
        lines += ["\u3000\u3000" + title, self.chrome(), ""]
        for paragraph in paragraphs:
            lines.append(("\u3000\u3000" if rng.random() < 0.6 else "") + paragraph + ("  " if rng.random() < 0.1 else ""))
            if rng.random() < 0.5:
                lines.append("")
        lines += ["", self.chrome(), ""]
        return "\n".join(lines)

    def html_document(self) -> str:
        rng = self.rng
        title, paragraphs = self._body()
        nav = "".join(f'<li><a href="/{i}">{self._script(item)}</a></li>' for i, item in enumerate(self.pools.nav))

        def escape(text: str) -> str:
            text = html.escape(text, quote=False)
            if rng.random() < 0.2:  # the sample page writes some quotes as entities
                text = text.replace("“", "&ldquo;").replace("”", "&rdquo;")
            return text

        body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        related = "".join(f'<li><a href="/r{i}">{escape(self.title())}</a></li>' for i in range(rng.randint(3, 8)))
        footer = "".join(f"<p>{escape(self.chrome())}</p>" for _ in range(2))
        return (
            '<!DOCTYPE html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(title)}</title>\n<style>body {{ font-size: 14px; }}</style>\n"
            '<script>var tip = "请登录后评论";</script>\n</head>\n<body>\n'
            f'<header><a href="/">{escape(self.title())}</a></header>\n<nav><ul>{nav}</ul></nav>\n'
            f"<main>\n<article>\n<h1>{escape(title)}</h1>\n{body}\n</article>\n</main>\n"
            f"<aside><h3>{escape(self.title())}</h3><ul>{related}</ul></aside>\n"
            f"<footer>{footer}</footer>\n</body>\n</html>\n"
        )

    def damaged_document(self) -> str:
        rng = self.rng
        damage = (
            lambda s: s.encode("utf-8").decode("latin-1").translate(SLOPPY_CP1252),  # UTF-8 read as Windows-1252
            lambda s: s.encode("utf-8").decode("gbk", "replace"),      # UTF-8 read as GBK: 鍗楁槍
            lambda s: s.replace("“", "&ldquo;").replace("”", "&rdquo;").replace("。", "&#12290;"),
            lambda s: s.replace("，", "&amp;#65292;"),                # escaped twice
        )
        lines = self.text_document().split("\n")
        return "\n".join(rng.choice(damage)(line) if line and rng.random() < 0.5 else line for line in lines)

    def documents(self) -> Iterator[str]:
        make = {"text": self.text_document, "html": self.html_document, "damaged": self.damaged_document}[self.kind]
        while True:
            yield make()


def generate(kind: str, script: str, size: int, seed: int = SEED) -> list[str]:
    """Documents whose UTF-8 sizes add up to ``size`` bytes or just past it (one document more)."""
    docs, total = [], 0
    for doc in Generator(kind, script, seed).documents():
        if total >= size:
            break
        docs.append(doc)
        total += len(doc.encode("utf-8"))
    return docs


def encoded(doc: str, encoding: str) -> bytes:
    """A document in a legacy encoding; characters it cannot hold become '?', as editors do."""
    if encoding in ("big5", "gb18030", "gbk"):
        doc = doc.replace('charset="utf-8"', f'charset="{encoding}"').replace("charset=utf-8", f"charset={encoding}")
    return doc.encode(encoding, "replace")


def cache_folder(root: Path) -> Path:
    """``root/<VERSION>-<digest of the samples and the character table>``: a change of either
    gives a new folder, so a stale corpus is never reused."""
    digest = hashlib.sha1(VERSION.encode())
    for path in sorted(SAMPLES.iterdir()):
        digest.update(path.name.encode() + path.read_bytes())
    digest.update(json.dumps(pools().to_traditional, sort_keys=True).encode())
    return root / f"{VERSION}-{digest.hexdigest()[:10]}"


def corpus_name(kind: str, script: str, size_mb: float, encoding: str = "utf-8") -> str:
    size = f"{size_mb:g}mb"
    return f"{kind}-{script}-{size}" + ("" if encoding == "utf-8" else f"-{encoding}")


def corpus(kind: str, script: str, size_mb: float, encoding: str = "utf-8", root: Path = CACHE,
           seed: int = SEED) -> list[Path]:
    """The corpus as files, one document each, generated once and then read from the cache."""
    folder = cache_folder(root) / corpus_name(kind, script, size_mb, encoding)
    manifest = folder / "MANIFEST.json"
    if manifest.exists():
        names = json.loads(manifest.read_text())["files"]
        return [folder / name for name in names]
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    names = []
    for i, doc in enumerate(generate(kind, script, int(size_mb * MB), seed)):
        name = f"{i:05d}.{EXTENSIONS[kind]}"
        (tmp / name).write_bytes(encoded(doc, encoding))
        names.append(name)
    (tmp / "MANIFEST.json").write_text(json.dumps({"seed": seed, "version": VERSION, "files": names}))
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    return [folder / name for name in names]


def joined(kind: str, script: str, size_mb: float, root: Path = CACHE, seed: int = SEED) -> Path:
    """The corpus as one big file (documents one after another): for the scaling row."""
    path = cache_folder(root) / (corpus_name(kind, script, size_mb) + "." + EXTENSIONS[kind])
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "wb") as out:
            for doc in generate(kind, script, int(size_mb * MB), seed):
                out.write(doc.encode("utf-8"))
        tmp.rename(path)
    return path


SHARED_EVAL = ROOT.parent / "shared" / "eval"
CONVERSION_SEED = 20240505


def conversion_pair(size_mb: float, use_shared: bool = True, root: Path = CACHE) -> tuple[Path, Path]:
    """(Traditional file, Simplified file) of at least ``size_mb`` MB, the same text in both scripts.

    Conversion speed depends on the vocabulary (how often a phrase has to be looked up), so the
    text is real prose where there is some: the lines of every gold.txt of ../shared/eval (written
    by people, all kinds of topics), else the expected outputs in samples/; shuffled by line with
    a fixed seed and repeated up to the size. The Traditional file is the Simplified one through
    OpenCC's s2t (opencc-python-reimplemented's tables, the project's engine).
    """
    shared = use_shared and SHARED_EVAL.is_dir()
    sources = sorted(SHARED_EVAL.glob("*/*/gold.txt")) if shared else sorted(SAMPLES.glob("*.expected.txt"))
    digest = hashlib.sha1(f"{CONVERSION_SEED} {size_mb}".encode())
    for path in sources:
        digest.update(path.read_bytes())
    folder = root / f"conversion-{size_mb:g}mb-{digest.hexdigest()[:10]}"
    simp, trad = folder / "simplified.txt", folder / "traditional.txt"
    if simp.exists() and trad.exists():
        return trad, simp
    sys.path.insert(0, str(ROOT))
    from cleantext.convert import convert

    lines = [line for p in sources for line in p.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("?? ")]
    rng = random.Random(CONVERSION_SEED)
    out, size = [], 0
    while size < size_mb * MB:
        batch = lines[:]
        rng.shuffle(batch)
        for line in batch:
            out.append(line)
            size += len(line.encode("utf-8")) + 1
    text = "\n".join(out) + "\n"
    folder.mkdir(parents=True, exist_ok=True)
    for path, content in ((simp, text), (trad, convert(text, config="s2t", extras=False))):
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(content, encoding="utf-8")
        tmp.rename(path)
    return trad, simp


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=KINDS)
    ap.add_argument("script", choices=SCRIPTS)
    ap.add_argument("size_mb", type=float)
    ap.add_argument("--encoding", default="utf-8")
    ap.add_argument("--joined", action="store_true", help="one big file instead of one file per document")
    args = ap.parse_args(argv)
    if args.joined:
        print(joined(args.kind, args.script, args.size_mb))
    else:
        files = corpus(args.kind, args.script, args.size_mb, args.encoding)
        print(f"{files[0].parent}: {len(files)} files, {sum(f.stat().st_size for f in files)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
