"""Fuzzing: the text pipeline (hypothesis properties) and the PDF reader (mutated bytes).

Properties of ``slacheck.analyze_text``, whatever the text: it never raises, its
``to_dict()`` keeps the JSON contract of DESIGN.md (checked below by a small checker:
required keys and types, no jsonschema), every ``*_percent`` lies within 0..100, and credit
tiers of one service and scope never overlap. Mutated PDFs end in a summary or in one of
the documented errors, within the time budget; any other exception is a crash.
"""

import json
import math
import os
import random
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slacheck
from slacheck.errors import SlacheckError

ROOT = Path(__file__).resolve().parent.parent
# Bounded and repeatable in the suite; SLACHECK_FUZZ_EXAMPLES=5000 explores further (random).
_DEEP = int(os.environ.get("SLACHECK_FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=_DEEP or 100, deadline=None, database=None, derandomize=not _DEEP,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# -- the contract checker ---------------------------------------------------------------

NUM = (int, float)
OPT_NUM = (int, float, type(None))
OPT_STR = (str, type(None))
CATEGORIES = {"force_majeure", "customer_fault", "third_party", "scheduled_maintenance", "suspension",
              "beta_preview", "outside_network", "security_attack", "customer_configuration",
              "legal_regulatory", "other"}
FORMS = {"service_credit", "refund", "voucher", "fee_reduction", None}
PERIODS = {"monthly", "quarterly", "annual"}
SEVERITIES = {"high", "medium", "low", "info"}


class ContractError(AssertionError):
    pass


def _need(cond: bool, where: str, what: str) -> None:
    if not cond:
        raise ContractError(f"{where}: {what}")


def _typed(obj: dict, where: str, spec: dict) -> None:
    _need(isinstance(obj, dict), where, f"expected an object, got {type(obj).__name__}")
    for key, types in spec.items():
        _need(key in obj, where, f"missing key {key!r}")
        value = obj[key]
        _need(isinstance(value, types) and not (isinstance(value, bool) and bool not in _as_tuple(types)),
              f"{where}.{key}", f"{value!r} is not {types}")


def _as_tuple(types):
    return types if isinstance(types, tuple) else (types,)


def _evidence(e, where: str, required: bool = False) -> None:
    _need(isinstance(e, dict), where, "evidence must be an object")
    if not e:
        _need(not required, where, "evidence is empty")
        return
    _typed(e, where, {"page": int, "clause": OPT_STR, "text": str, "pattern": str})
    _need(e["page"] >= 1, where, f"page {e['page']} < 1")


def check_contract(data: dict) -> None:
    """Raise ContractError unless ``data`` keeps the JSON contract (schema_version 1)."""
    _typed(data, "$", {
        "schema_version": str, "source": dict, "provider": OPT_STR, "services": list,
        "service_class": OPT_STR, "commitments": list, "credit_tiers": list, "duration_credits": list,
        "credit_cap_percent": OPT_NUM, "credit_cap_evidence": dict, "credit_base": OPT_STR,
        "claim": (dict, type(None)), "credit_form": OPT_STR, "credit_form_evidence": dict,
        "minimum_credit": (dict, type(None)), "sole_remedy": bool, "sole_remedy_evidence": dict,
        "downtime": (dict, type(None)), "maintenance": (dict, type(None)), "exclusions": list,
        "flags": dict, "flag_evidence": dict, "risks": list, "warnings": list,
    })
    _need(data["schema_version"] == "1", "$.schema_version", "not '1'")
    _typed(data["source"], "$.source", {"path": str, "sha256": str, "pages": int, "language": str})
    _need(data["source"]["language"] in ("en", "zh"), "$.source.language", data["source"]["language"])
    _need(all(isinstance(s, str) for s in data["services"]), "$.services", "not all strings")
    for i, c in enumerate(data["commitments"]):
        w = f"$.commitments[{i}]"
        _typed(c, w, {"service": OPT_STR, "scope": OPT_STR, "uptime_percent": NUM, "period": str,
                      "evidence": dict})
        _need(c["period"] in PERIODS, w, f"period {c['period']!r}")
        _evidence(c["evidence"], w + ".evidence", required=True)
    for i, t in enumerate(data["credit_tiers"]):
        w = f"$.credit_tiers[{i}]"
        _typed(t, w, {"service": OPT_STR, "scope": OPT_STR, "lower_percent": NUM, "upper_percent": NUM,
                      "credit_percent": NUM, "evidence": dict})
        _need(t["lower_percent"] < t["upper_percent"], w, f"empty band {t['lower_percent']}..{t['upper_percent']}")
        _evidence(t["evidence"], w + ".evidence", required=True)
    for i, d in enumerate(data["duration_credits"]):
        w = f"$.duration_credits[{i}]"
        _typed(d, w, {"per_minutes": NUM, "credit_percent": OPT_NUM, "credit_days": OPT_NUM,
                      "cap_percent": OPT_NUM, "evidence": dict})
        _need(d["per_minutes"] > 0, w, "per_minutes <= 0")
        _evidence(d["evidence"], w + ".evidence", required=True)
    _evidence(data["credit_cap_evidence"], "$.credit_cap_evidence")
    if data["claim"] is not None:
        _typed(data["claim"], "$.claim", {"window_days": OPT_NUM, "business_days": bool, "window_text": OPT_STR,
                                          "requirements": list, "evidence": dict})
        _need(all(isinstance(r, str) for r in data["claim"]["requirements"]), "$.claim.requirements", "strings")
        _evidence(data["claim"]["evidence"], "$.claim.evidence")
    _need(data["credit_form"] in FORMS, "$.credit_form", repr(data["credit_form"]))
    _evidence(data["credit_form_evidence"], "$.credit_form_evidence")
    if data["minimum_credit"] is not None:
        _evidence(data["minimum_credit"], "$.minimum_credit", required=True)
    _evidence(data["sole_remedy_evidence"], "$.sole_remedy_evidence")
    if data["downtime"] is not None:
        _typed(data["downtime"], "$.downtime", {"granularity_minutes": OPT_NUM, "minimum_minutes": OPT_NUM,
                                                "error_rate_percent": OPT_NUM, "measured_by": OPT_STR,
                                                "evidence": dict, "measured_evidence": dict})
        _need(data["downtime"]["measured_by"] in (None, "provider", "customer_evidence", "third_party"),
              "$.downtime.measured_by", repr(data["downtime"]["measured_by"]))
        _evidence(data["downtime"]["evidence"], "$.downtime.evidence")
        _evidence(data["downtime"]["measured_evidence"], "$.downtime.measured_evidence")
    if data["maintenance"] is not None:
        _typed(data["maintenance"], "$.maintenance", {"notice_hours": OPT_NUM, "max_hours": OPT_NUM,
                                                      "excluded": bool, "evidence": dict})
        _evidence(data["maintenance"]["evidence"], "$.maintenance.evidence")
    for i, x in enumerate(data["exclusions"]):
        w = f"$.exclusions[{i}]"
        _typed(x, w, {"category": str, "text": str, "catch_all": bool, "evidence": dict})
        _need(x["category"] in CATEGORIES, w, f"category {x['category']!r}")
        _evidence(x["evidence"], w + ".evidence", required=True)
    _need(all(isinstance(k, str) and isinstance(v, bool) for k, v in data["flags"].items()), "$.flags", "str->bool")
    for k, e in data["flag_evidence"].items():
        _evidence(e, f"$.flag_evidence.{k}")
    for i, r in enumerate(data["risks"]):
        w = f"$.risks[{i}]"
        _typed(r, w, {"id": str, "severity": str, "title": str, "why": str, "advice": str, "evidence": dict})
        _need(re.fullmatch(r"SLA\d{3}", r["id"]) is not None, w, f"id {r['id']!r}")
        _need(r["severity"] in SEVERITIES, w, f"severity {r['severity']!r}")
    _need(all(isinstance(s, str) for s in data["warnings"]), "$.warnings", "not all strings")
    json.dumps(data, ensure_ascii=False, allow_nan=False)  # serialisable, no NaN / infinity


def percentages(obj, where="$"):
    """Every number under a key ending in ``_percent``, with its path."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k.endswith("_percent") and v is not None:
                yield f"{where}.{k}", v
            yield from percentages(v, f"{where}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from percentages(v, f"{where}[{i}]")


def check_properties(data: dict) -> None:
    check_contract(data)
    for where, value in percentages(data):
        _need(isinstance(value, NUM) and not isinstance(value, bool), where, f"{value!r} is not a number")
        _need(math.isfinite(value) and 0 <= value <= 100, where, f"{value!r} is outside 0..100")
    bands: dict = {}
    for t in data["credit_tiers"]:
        bands.setdefault((t["service"], t["scope"]), []).append((t["lower_percent"], t["upper_percent"]))
    for key, spans in bands.items():
        spans.sort()
        for (lo1, hi1), (lo2, hi2) in zip(spans, spans[1:]):
            _need(hi1 <= lo2, f"$.credit_tiers{list(key)}", f"bands overlap: [{lo1}, {hi1}) and [{lo2}, {hi2})")


def analyze_checked(text: str, language=None) -> dict:
    data = slacheck.analyze_text(text, language=language).to_dict()
    check_properties(data)
    return data


def test_checker_rejects_broken_contracts():
    good = analyze_checked(EN_SLA)
    assert good["commitments"] and good["credit_tiers"]
    for mutate in (lambda d: d.pop("risks"), lambda d: d.__setitem__("sole_remedy", "yes"),
                   lambda d: d["credit_tiers"][0].__setitem__("credit_percent", 120),
                   lambda d: d["credit_tiers"].append(dict(d["credit_tiers"][0])),
                   lambda d: d["commitments"][0].__setitem__("evidence", {}),
                   lambda d: d.__setitem__("credit_cap_percent", float("nan"))):
        broken = json.loads(json.dumps(good))
        mutate(broken)
        with pytest.raises((ContractError, ValueError)):
            check_properties(broken)


# -- texts --------------------------------------------------------------------------------

EN_SLA = """Nimbus Example Cloud - Service Level Agreement
1. Definitions
"Monthly Uptime Percentage" means total minutes in the month minus Downtime, divided by total minutes.
"Downtime" means any period of five or more consecutive minutes in which the error rate exceeds 5%.
2. Service Commitment
Nimbus will use commercially reasonable efforts to keep each Region available with a Monthly Uptime
Percentage of at least 99.95% for multi-zone deployments and 99.5% for single instances.
3. Service Credits
| Monthly Uptime Percentage | Service Credit |
| --- | --- |
| Less than 99.95% but equal to or greater than 99.0% | 10% |
| Less than 99.0% but equal to or greater than 95.0% | 25% |
| Less than 95.0% | 100% |
If availability falls below 99.5% for a single instance you receive 10% of that month's fees; below 99%, 30%.
Credits are capped at 50% of the monthly fees for the affected Service in any month.
You will receive 5% of the monthly fee for each 30 minutes of Downtime, up to 25%.
4. Claims
To receive a credit you must submit a request within 30 days after the end of the month,
including the affected resource IDs, dates and times of each incident and your request logs.
Service Credits are your sole and exclusive remedy for any failure to meet this SLA.
Credits are applied against future invoices and are not refundable.
5. Exclusions
This SLA does not apply to unavailability caused by force majeure events, by your equipment or
software, by third-party services, by scheduled maintenance announced 48 hours in advance, by
suspension of your account, or by preview and beta features.
We may change this SLA at any time by posting a new version on our website.
"""

ZH_SLA = """示例云服务等级协议
一、定义
月度服务可用性 =（当月总分钟数 − 不可用分钟数）÷ 当月总分钟数 × 100%。
不可用：连续5分钟及以上服务无法访问，以1分钟为统计粒度。
二、服务可用性承诺
本服务的月度服务可用性不低于99.95%；单实例部署不低于99.9%。
三、赔偿标准
| 月度服务可用性 | 赔偿代金券金额 |
| --- | --- |
| 低于99.95%但等于或高于99% | 月度服务费的10% |
| 低于99%但等于或高于95% | 月度服务费的25% |
| 低于95% | 月度服务费的100% |
月度服务可用性低于９９．９％的，赔偿月度服务费的１５％。
每月赔偿总额不超过当月服务费的50%。
四、赔偿申请
客户应在每月结束后的30个自然日内通过工单提交赔偿申请，并提供故障时间和受影响资源。
代金券为您唯一补救措施。
五、免责条款
因不可抗力、客户自身原因、第三方服务、提前72小时通知的计划内维护、账号被暂停导致的不可用，不计入不可用时间。
"""


def _dev_corpus_texts() -> list[str]:
    """The dev corpus' HTML sources as text (the held-out test split stays unread)."""
    from slacheck.clauses.text import read_html

    texts = []
    for html in sorted(ROOT.glob("corpora/*/dev/*.html"))[:6]:
        pages, _ = read_html(html.read_text(encoding="utf-8"))
        texts.append("\n".join(ln.text for page in pages for ln in page))
    return texts


BASES = [EN_SLA, ZH_SLA, EN_SLA + "\n" + ZH_SLA] + _dev_corpus_texts()

FRAGMENTS = [
    "Monthly Uptime Percentage", "at least", "less than", "but equal to or greater than", "below",
    "Service Credit", "of the monthly fee", "sole and exclusive remedy", "within 30 days", "Downtime",
    "force majeure", "scheduled maintenance", "up to", "per month", "99.9%", "99.95%", "95%", "100%",
    "10%", "25%", "50%", "|", "| --- |", "\n", "\f", "1.", "(a)", "ninety-nine point nine percent",
    "月度服务可用性", "不低于", "低于", "但等于或高于", "赔偿", "月度服务费的", "代金券", "唯一补救",
    "不可抗力", "计划内维护", "自然日内", "百分之九十九点九", "９９．９５％", "一、", "（一）", "第3条",
    "≥", "<", "≤", "～", "-", "–", "%", "％", "\u3000", "\u00a0", "\ufffd", "(cid:12)",
]


def _percent_text(x: float, fullwidth: bool) -> str:
    s = f"{x:g}%"
    return s.translate(str.maketrans("0123456789.%", "０１２３４５６７８９．％")) if fullwidth else s


mixed_text = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.builds(_percent_text, st.floats(min_value=-50, max_value=1000, allow_nan=False), st.booleans()),
        st.integers(min_value=-10, max_value=10**6).map(str),
        st.text(max_size=12),
    ),
    max_size=40,
).flatmap(lambda parts: st.lists(st.sampled_from([" ", "", "\n", "。", ", ", " | "]),
                                 min_size=len(parts), max_size=len(parts))
          .map(lambda seps: "".join(p + s for p, s in zip(parts, seps))))


def _mutate(base: str, ops: list[tuple[str, int, int]]) -> str:
    lines = base.splitlines()
    for op, a, b in ops:
        if not lines:
            break
        i, j = a % len(lines), b % len(lines)
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(j, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "shuffle":
            lo, hi = min(i, j), max(i, j) + 1
            block = lines[lo:hi]
            random.Random(a ^ b).shuffle(block)
            lines[lo:hi] = block
        elif op == "split":  # a line broken mid-way, as a PDF wraps it
            k = b % (len(lines[i]) + 1)
            lines[i:i + 1] = [lines[i][:k], lines[i][k:]]
    return "\n".join(lines)


corpus_like = st.builds(
    _mutate,
    st.sampled_from(BASES),
    st.lists(st.tuples(st.sampled_from(["delete", "duplicate", "swap", "shuffle", "split"]),
                       st.integers(0, 10**6), st.integers(0, 10**6)), max_size=15),
)


@FUZZ
@given(st.text(max_size=300))
def test_arbitrary_unicode(text):
    analyze_checked(text)


@FUZZ
@given(mixed_text, st.sampled_from([None, "en", "zh"]))
def test_mixed_english_and_chinese(text, language):
    analyze_checked(text, language)


@FUZZ
@given(corpus_like)
def test_corpus_like_texts_with_lines_deleted_duplicated_shuffled(text):
    analyze_checked(text)


@pytest.mark.parametrize("base", range(len(BASES)))
def test_unmutated_bases_keep_the_contract(base):
    data = analyze_checked(BASES[base])
    if base < 2:
        assert data["commitments"] and data["credit_tiers"]


# -- PDF bytes ----------------------------------------------------------------------------

BUDGET = 10.0  # seconds given to the reader for one mutated file
DOCUMENTED_EXIT_CODES = set(range(3, 13))
_OBJ = re.compile(rb"\n\d+ 0 obj\b.*?endobj", re.S)


def _base_pdf(path: Path, compress: int) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, pageCompression=compress)
    lines = EN_SLA.splitlines()
    for start in (0, len(lines) // 2):
        y = 790
        c.setFont("Helvetica", 9)
        c.drawString(60, 815, "Nimbus Example Cloud SLA - confidential")
        for line in lines[start:start + len(lines) // 2 + 1]:
            c.drawString(60, y, line[:110])
            y -= 13
        # a ruled two-column table, so the ruled-table path is fuzzed as well
        for k, (band, credit) in enumerate([("Uptime", "Credit"), ("99.0% - < 99.95%", "10%"), ("< 99.0%", "25%")]):
            top = y - 20 - 18 * k
            c.drawString(64, top - 12, band)
            c.drawString(264, top - 12, credit)
            c.line(60, top, 360, top)
        bottom = y - 20 - 18 * 3
        c.line(60, bottom, 360, bottom)
        for x in (60, 260, 360):
            c.line(x, y - 20, x, bottom)
        c.drawString(280, 30, f"Page {1 if start == 0 else 2} of 2")
        c.showPage()
    c.save()
    return path.read_bytes()


def _mutations(data: bytes, rng: random.Random, label: str):
    n = len(data)
    for k in range(6):  # truncations, header-only to nearly whole
        cut = [9, n // 10, n // 3, n // 2, n - 200, n - 20][k]
        yield f"{label}-truncate-{cut}", data[:max(1, cut)]
    for k in range(8):  # flipped bytes
        buf = bytearray(data)
        for _ in range(rng.choice([1, 4, 32])):
            i = rng.randrange(n)
            buf[i] ^= 1 << rng.randrange(8)
        yield f"{label}-flip-{k}", bytes(buf)
    objects = list(_OBJ.finditer(data))
    for m in rng.sample(objects, min(6, len(objects))):  # deleted objects, offsets now wrong
        yield f"{label}-delete-obj-at-{m.start()}", data[:m.start()] + data[m.end():]
    xref = data.rfind(b"xref")
    yield f"{label}-no-xref", data[:xref] + data[xref + 4:]
    yield f"{label}-zeroed-middle", data[: n // 3] + b"\x00" * (n // 3) + data[2 * n // 3:]


def _pdf_cases(tmp: Path):
    rng = random.Random(20240611)
    yield from _mutations(_base_pdf(tmp / "plain.pdf", 0), rng, "plain")
    yield from _mutations(_base_pdf(tmp / "deflate.pdf", 1), rng, "deflate")
    for pdf in sorted(ROOT.glob("corpora/*/*/*.pdf"))[:2]:  # corpus PDFs, where present
        data = pdf.read_bytes()
        yield f"{pdf.stem}-truncate", data[: len(data) // 2]
        buf = bytearray(data)
        for _ in range(16):
            buf[rng.randrange(len(buf))] ^= 0xFF
        yield f"{pdf.stem}-flip", bytes(buf)


def test_mutated_pdfs_end_in_a_result_or_a_documented_error(tmp_path):
    crashes, outcomes = [], {}
    for name, data in _pdf_cases(tmp_path):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        start = time.monotonic()
        try:
            check_contract(slacheck.analyze(path, timeout=BUDGET).to_dict())
            outcome = "ok"
        except SlacheckError as err:
            outcome = err.code
            if err.exit_code not in DOCUMENTED_EXIT_CODES or not str(err).startswith(str(path)):
                crashes.append(f"{name}: undocumented {err.exit_code} {err}")
        except Exception as exc:  # noqa: BLE001 - anything else is a crash
            crashes.append(f"{name}: {type(exc).__name__}: {exc}")
            outcome = "crash"
        elapsed = time.monotonic() - start
        if elapsed > BUDGET + 10:
            crashes.append(f"{name}: took {elapsed:.1f} s")
        outcomes.setdefault(outcome, []).append(name)
    assert not crashes, "\n".join(crashes)
    assert "ok" in outcomes and "corrupt" in outcomes, outcomes  # the fuzz reached both sides


def test_mutated_pdf_through_the_cli_is_one_error_line(tmp_path):
    from typer.testing import CliRunner

    from slacheck.cli.app import app

    data = _base_pdf(tmp_path / "base.pdf", 1)
    seen = set()
    for name, mutated in list(_mutations(data, random.Random(7), "cli"))[::3]:
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(mutated)
        result = CliRunner().invoke(app, ["review", str(path), "--format", "json", "--timeout", str(BUDGET)])
        seen.add(result.exit_code)
        assert result.exception is None or isinstance(result.exception, SystemExit), (name, result.exception)
        assert result.exit_code == 0 or result.exit_code in DOCUMENTED_EXIT_CODES, (name, result.output)
        if result.exit_code:
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("slacheck: error: "), (name, result.stderr)
        else:
            check_contract(json.loads(result.stdout))
    assert len(seen) >= 2, seen


def test_fast_char_path_equals_pdfplumber(tmp_path):
    """clauses/pdf.py builds pdfplumber's char dicts directly and dedupes fake bold without
    a quadratic sort; on every page, fuzzed or not, the result must be pdfplumber's own."""
    import logging

    import pdfplumber

    from slacheck.clauses import pdf as reader

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    fake_bold = tmp_path / "fake-bold.pdf"
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(fake_bold), invariant=1)
    for k, line in enumerate(EN_SLA.splitlines()[:20]):
        for dx in ((0, 0.4) if k % 3 == 0 else (0,)):  # headings drawn twice, a hair apart
            c.drawString(60 + dx, 780 - 14 * k, line[:100])
    c.showPage()
    c.save()
    files = [fake_bold] + sorted(ROOT.glob("corpora/*/*/*.pdf"))[::15]
    for name, data in list(_mutations(_base_pdf(tmp_path / "base.pdf", 1), random.Random(3), "eq"))[::3]:
        (tmp_path / f"{name}.pdf").write_bytes(data)
        files.append(tmp_path / f"{name}.pdf")
    compared = 0
    for path in files:
        try:
            with pdfplumber.open(path) as a, pdfplumber.open(path) as b:
                for pa, pb in zip(a.pages, b.pages):
                    try:
                        want = {k: [list(o.items()) for o in v] for k, v in pa.objects.items()}
                    except Exception:
                        continue  # a page pdfminer cannot read: nothing to compare
                    reader._fast_chars(pb)
                    assert {k: [list(o.items()) for o in v] for k, v in pb.objects.items()} == want, path
                    assert reader._dedupe_chars(pb).chars == pa.dedupe_chars(tolerance=1).chars, path
                    compared += 1
        except AssertionError:
            raise
        except Exception:  # noqa: BLE001 - unreadable files are the reader's business, not this test's
            pass
    assert compared >= 10
