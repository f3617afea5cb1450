"""Data that slacheck knows (lexicons, taxonomy, risk rules, benchmarks, policy) and the
small loaders for it. Data files sit beside this module and ship in the wheel."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path


def data_path(*parts: str) -> Path:
    return Path(str(resources.files(__name__).joinpath(*parts)))


def read_tsv(*parts: str) -> list[list[str]]:
    """Rows of a tab-separated data file, comments (#) and blank lines skipped."""
    rows = []
    for raw in data_path(*parts).read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        rows.append(raw.rstrip("\n").split("\t"))
    return rows


@lru_cache(maxsize=1)
def radical_map() -> dict[int, str]:
    table = {}
    for row in read_tsv("radicals.tsv"):
        if len(row) != 2 or len(row[0]) != 1:
            raise ValueError(f"radicals.tsv: bad row {row!r}")
        table[ord(row[0])] = row[1]
    return table
