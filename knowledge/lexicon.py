"""Strict loader for the en/zh lexicons and the exclusion taxonomy.

Both languages keep mirrored files (same names); the loader reports every problem in one
error rather than stopping at the first, so a data edit shows all its mistakes at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from . import data_path

LANGUAGES = ("en", "zh")
COMPARISON_KINDS = {"lt", "le", "ge", "gt", "post_ge", "post_le", "post_lt", "sep"}
EXCLUSION_CATEGORIES = (
    "force_majeure", "customer_fault", "third_party", "scheduled_maintenance", "suspension",
    "beta_preview", "outside_network", "security_attack", "customer_configuration",
    "legal_regulatory", "other",
)


class LexiconError(ValueError):
    pass


@dataclass
class Lexicon:
    language: str
    phrases: dict[str, list[str]] = field(default_factory=dict)  # cue category -> phrases
    comparisons: list[tuple[str, str]] = field(default_factory=list)  # (phrase, kind)
    units: dict[str, int] = field(default_factory=dict)  # unit word -> minutes
    numbers: dict[str, int] = field(default_factory=dict)  # spelled number -> value
    fractions: dict[str, float] = field(default_factory=dict)  # "half" / "四分之一" -> percent
    scopes: dict[str, str] = field(default_factory=dict)  # phrase -> canonical scope
    service_classes: dict[str, str] = field(default_factory=dict)  # phrase -> benchmark class
    exclusions: dict[str, list[str]] = field(default_factory=dict)  # category -> phrases
    # "Customer's workloads or code", "your firewall rules": whose thing failed -> category
    owners: list[str] = field(default_factory=list)
    owned: dict[str, list[str]] = field(default_factory=dict)  # category -> nouns


def _lines(path) -> list[str]:
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.lstrip().startswith("#"):
            out.append(raw.strip("\n\r"))
    return out


def _names(folder) -> set[str]:
    return {p.name for p in folder.iterdir() if p.suffix in (".txt", ".tsv")}


def check_parity() -> list[str]:
    """Files present in one language's folder and missing from the other's."""
    problems = []
    for kind in ("lexicons", "exclusions"):
        en, zh = _names(data_path(kind, "en")), _names(data_path(kind, "zh"))
        for name in sorted(en ^ zh):
            problems.append(f"{kind}: {name} exists for {'en' if name in en else 'zh'} only")
    return problems


@lru_cache(maxsize=2)
def load(language: str) -> Lexicon:
    if language not in LANGUAGES:
        raise LexiconError(f"no lexicon for language {language!r}")
    problems = check_parity()
    lex = Lexicon(language=language)
    folder = data_path("lexicons", language)
    for path in sorted(folder.iterdir()):
        stem = path.stem
        if path.suffix == ".txt":
            lex.phrases[stem] = [ln.strip() for ln in _lines(path)]
            continue
        if path.suffix != ".tsv":
            continue
        for n, row in enumerate(_lines(path), start=1):
            cols = row.split("\t")
            if len(cols) != 2 or not cols[0].strip():
                problems.append(f"{path.name}:{n}: want two tab-separated columns, got {row!r}")
                continue
            key, value = cols[0].strip(), cols[1].strip()
            if stem == "comparison":
                if value not in COMPARISON_KINDS:
                    problems.append(f"{path.name}:{n}: unknown comparison kind {value!r}")
                lex.comparisons.append((key, value))
            elif stem in ("duration_units", "numbers"):
                if not value.isdigit():
                    problems.append(f"{path.name}:{n}: {value!r} is not a whole number")
                    continue
                (lex.units if stem == "duration_units" else lex.numbers)[key] = int(value)
            elif stem == "fractions":
                try:
                    lex.fractions[key] = float(value)
                except ValueError:
                    problems.append(f"{path.name}:{n}: {value!r} is not a number")
            elif stem == "scopes":
                lex.scopes[key] = value
            elif stem == "service_classes":
                lex.service_classes[key] = value
            elif stem == "owned":
                if value == "owner":
                    lex.owners.append(key)
                elif value in EXCLUSION_CATEGORIES:
                    lex.owned.setdefault(value, []).append(key)
                else:
                    problems.append(f"{path.name}:{n}: {value!r} is neither 'owner' nor an exclusion category")
            else:
                problems.append(f"{path.name}: no loader for this table")
    ex_folder = data_path("exclusions", language)
    for cat in EXCLUSION_CATEGORIES:
        path = ex_folder / f"{cat}.txt"
        if not path.exists():
            problems.append(f"exclusions/{language}/{cat}.txt is missing")
            continue
        lex.exclusions[cat] = [ln.strip() for ln in _lines(path)]
    for path in ex_folder.iterdir():
        if path.stem not in EXCLUSION_CATEGORIES:
            problems.append(f"exclusions/{language}/{path.name} is not a DESIGN.md category")
    for cat, phrases in list(lex.phrases.items()) + list(lex.exclusions.items()):
        seen = set()
        for p in phrases:
            if p.lower() in seen:
                problems.append(f"{language}/{cat}: {p!r} listed twice")
            seen.add(p.lower())
    if problems:
        raise LexiconError("; ".join(problems))
    lex.comparisons.sort(key=lambda kv: -len(kv[0]))
    return lex
