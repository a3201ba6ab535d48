"""Build cleantext's supplementary tables from OpenCC C++'s current dictionaries (build time only).

opencc-python-reimplemented ships OpenCC's dictionaries as they were around 2019. OpenCC 1.4.2 (pip
package `opencc`, Apache-2.0) ships current ones, compiled to .ocd2 files. This script reads those
files, compares each with the reimplemented package's .txt of the same name, and writes what changed
upstream to cleantext/data/opencc/<Name>.upstream.txt:

* ``source<TAB>targets`` for each key that is new upstream or whose first target changed;
* ``source`` alone (no tab) for each key the upstream dictionary no longer has.

It also writes cleantext/data/opencc/upstream_chains.json: the upstream configs' dictionary chains
(normalization first, then each step's group; a nested list is a "union" group, whose dictionaries
are matched as one). cleantext.convert uses both only with extras on, under the project's own
reviewed tables, so --no-extras still equals opencc-python-reimplemented.

.ocd2 layout (OpenCC src/MarisaDict.cpp, src/SerializedValues.cpp): the ASCII header
"OPENCC_MARISA_0.2.5", a serialized marisa trie of the keys, then uint32 numItems, uint32
valueTotalLength, the value buffer (NUL-terminated UTF-8 strings, in item order), then per item a
uint16 count of values followed by that many uint16 byte lengths (NUL included) of its values.
Item i holds the values of the trie's key id i. All integers little-endian.

    .venv/bin/python scripts/build_opencc_upstream.py            # from benchmarks/.venvs/opencc
    .venv/bin/python scripts/build_opencc_upstream.py --wheel opencc-1.4.2-*.whl
    .venv/bin/python scripts/build_opencc_upstream.py --source DIR --version 1.4.2

Needs marisa-trie (the `build` extra). Never install the `opencc` pip package into .venv: its module
name clashes with opencc-python-reimplemented; read its files by path instead.
"""

from __future__ import annotations

import argparse
import json
import re
import struct
import sys
import tempfile
import zipfile
from pathlib import Path

import marisa_trie

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "cleantext" / "data" / "opencc"
PEER = ROOT / "benchmarks" / ".venvs" / "opencc"
HEADER = b"OPENCC_MARISA_0.2.5"
# cleantext's configs whose upstream chains are recorded (hk2sp is OpenCC's too since 1.1).
CONFIGS = ("t2s", "tw2s", "hk2s", "tw2sp", "hk2sp", "s2t", "s2tw", "s2twp", "s2hk", "t2tw", "t2hk")


def read_ocd2(data: bytes) -> dict[str, list[str]]:
    """Key -> values of an .ocd2 dictionary."""
    if not data.startswith(HEADER):
        raise ValueError("not an OpenCC .ocd2 file (header)")
    trie = marisa_trie.Trie().frombytes(data[len(HEADER):])
    offset = len(HEADER) + len(trie.tobytes())
    count, total = struct.unpack_from("<II", data, offset)
    offset += 8
    buffer = data[offset : offset + total]
    offset += total
    values: list[list[str]] = []
    cursor = 0
    for _ in range(count):
        (n,) = struct.unpack_from("<H", data, offset)
        lengths = struct.unpack_from(f"<{n}H", data, offset + 2)
        offset += 2 + 2 * n
        item = []
        for length in lengths:
            if buffer[cursor + length - 1] != 0:
                raise ValueError("value not NUL-terminated")
            item.append(buffer[cursor : cursor + length - 1].decode("utf-8"))
            cursor += length
        values.append(item)
    if offset != len(data) or cursor != total or len(trie) != count:
        raise ValueError(f"size mismatch: read {offset} of {len(data)} bytes, {cursor} of {total} value bytes")
    return {key: values[key_id] for key, key_id in trie.items()}


def read_txt(path: Path) -> dict[str, list[str]]:
    """opencc-python-reimplemented's reading: strip, split on the tab, last line wins."""
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            key, value = line.strip().split("\t")
            table[key] = value.split(" ")
    return table


def chain_of(config: dict) -> dict[str, list]:
    """{"normalization": [names], "chain": [[name or [union names]]]} with .ocd2 dropped."""

    def entries(spec: dict) -> list:
        if spec.get("type") != "group":
            return [spec["file"].removesuffix(".ocd2")]
        out = []
        for sub in spec["dicts"]:
            if sub.get("type") == "group" and sub.get("match_policy") == "union":
                out.append([name for s in sub["dicts"] for name in entries(s)])
            else:
                out.extend(entries(sub))
        return out

    return {
        "normalization": [n for step in config.get("normalization", []) for n in entries(step["dict"])],
        "chain": [entries(step["dict"]) for step in config["conversion_chain"]],
    }


def dict_names(chains: dict) -> set[str]:
    names: set[str] = set()
    for chain in chains.values():
        names.update(chain["normalization"])
        for group in chain["chain"]:
            for entry in group:
                names.update(entry if isinstance(entry, list) else [entry])
    return names


def reimplemented_dir() -> Path:
    from importlib.util import find_spec

    spec = find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("opencc-python-reimplemented is not installed in this interpreter")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary"


def peer_source() -> tuple[Path, str | None]:
    for share in sorted(PEER.glob("lib/python*/site-packages/opencc/clib/share/opencc")):
        infos = sorted(share.parents[3].glob("opencc-*.dist-info"))
        version = infos[0].name.removeprefix("opencc-").removesuffix(".dist-info") if infos else None
        return share, version
    sys.exit(f"no OpenCC C++ package under {PEER}; pass --source or --wheel")


def header(name: str, version: str, covers: str) -> str:
    return (
        f"# Generated by scripts/build_opencc_upstream.py from OpenCC {version}'s dictionary {name}.ocd2\n"
        "# (https://github.com/BYVoid/OpenCC, Apache-2.0, Copyright BYVoid and OpenCC contributors).\n"
        "# Do not edit by hand: rerun the script. The project's reviewed tables (<Name>.txt here) win over it.\n"
        f"# Covers: {covers}\n"
        "# Lines: `source<TAB>targets` (new or changed upstream; the first target is used), or `source`\n"
        "# alone (a key the upstream dictionary no longer has).\n"
    )


def write_table(name: str, upstream: dict[str, list[str]], package: dict[str, list[str]] | None,
                version: str) -> tuple[int, int, int]:
    if package is None:
        lines = [f"{k}\t{' '.join(v)}" for k, v in sorted(upstream.items())]
        covers = (f"all {len(lines)} entries of {name}; opencc-python-reimplemented has no such dictionary.")
        counts = (len(lines), 0, 0)
    else:
        new = sorted(k for k in upstream if k not in package)
        changed = sorted(k for k in upstream if k in package and upstream[k][0] != package[k][0])
        removed = sorted(k for k in package if k not in upstream)
        lines = [f"{k}\t{' '.join(upstream[k])}" for k in sorted(new + changed)] + removed
        covers = (f"what {name} changed since opencc-python-reimplemented's {name}.txt: {len(new)} new keys,\n"
                  f"# {len(changed)} keys whose first target changed, {len(removed)} keys removed.")
        counts = (len(new), len(changed), len(removed))
    (OUT / f"{name}.upstream.txt").write_text(header(name, version, covers) + "\n".join(lines) + "\n",
                                              encoding="utf-8")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, help="directory with OpenCC's .ocd2 and config .json files")
    parser.add_argument("--wheel", type=Path, help="an opencc wheel, unpacked to a temporary directory")
    parser.add_argument("--version", help="OpenCC version of --source (read from dist-info otherwise)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.wheel:
            zipfile.ZipFile(args.wheel).extractall(tmp)
            source = next(Path(tmp).glob("opencc/clib/share/opencc"))
            match = re.match(r"opencc-([^-]+)-", args.wheel.name)
            version = args.version or (match.group(1) if match else None)
        elif args.source:
            source, version = args.source, args.version
        else:
            source, version = peer_source()
        if not version:
            sys.exit("cannot tell the OpenCC version; pass --version")
        chains = {cfg: chain_of(json.loads((source / f"{cfg}.json").read_text(encoding="utf-8")))
                  for cfg in CONFIGS if (source / f"{cfg}.json").exists()}
        package_dir = reimplemented_dir()
        print(f"OpenCC {version} from {source}")
        print("| dictionary | upstream keys | new | changed | removed |\n|---|---|---|---|---|")
        for name in sorted(dict_names(chains)):
            upstream = read_ocd2((source / f"{name}.ocd2").read_bytes())
            txt = package_dir / f"{name}.txt"
            new, changed, removed = write_table(name, upstream, read_txt(txt) if txt.exists() else None, version)
            print(f"| {name} | {len(upstream)} | {new} | {changed} | {removed} |")
    document = {
        "_comment": f"Generated by scripts/build_opencc_upstream.py from OpenCC {version}'s config files "
                    "(Apache-2.0): per config, the normalization dictionaries and the conversion chain's "
                    "groups; a nested list is a union group (its dictionaries matched as one).",
        **chains,
    }
    (OUT / "upstream_chains.json").write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n",
                                              encoding="utf-8")


if __name__ == "__main__":
    main()
