"""Clause trees from numbering and headings, in both languages, and the glossary."""

import pytest

from slacheck.clauses import read


def outline(tmp_path, text, name="sla.txt"):
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    doc = read(f)
    return doc, [(c.level, c.number, c.heading) for c in doc.clauses[1:]]


EN = """Example Cloud Service Level Agreement
Section 1 Definitions
"Downtime" means a 1-minute interval in which the service returns errors.
"Monthly Uptime Percentage" means total minutes less downtime, divided by total minutes.
Section 2 Service Credits
2.1 Eligibility
You are eligible for a credit as follows.
2.2 Claims
Claims must include:
(a) the dates and times;
(b) the affected resources; and
(i) request identifiers;
(ii) logs.
2.2.1 Deadline
Within 30 days.
Schedule B Exclusions
1. Force majeure.
2. Your acts or omissions.
"""

ZH = """某某云服务等级协议
第一条 服务可用性
（一）服务可用性不低于99.95%。
（二）服务不可用：指连续5分钟无法访问。
第二条 赔偿
一、赔偿标准
1. 低于99.95%的，赔偿10%。
2. 低于99%的，赔偿25%。
二、申请
第2.3条 申请期限
用户应在60个自然日内申请。
"""


def test_english_numbering_nests(tmp_path):
    doc, tree = outline(tmp_path, EN)
    numbers = [(lvl, num) for lvl, num, _ in tree]
    assert ("Section 1" in [n for _, n in numbers]) and ("Schedule B" in [n for _, n in numbers])
    level = dict((n, l) for l, n in numbers)
    assert level["2.1"] == level["2.2"] == level["Section 2"] + 1
    assert level["2.2.1"] == level["2.2"] + 1
    assert level["(a)"] == level["(b)"] == level["2.2"] + 1
    assert level["(i)"] == level["(ii)"] == level["(b)"] + 1
    assert level["Schedule B"] == level["Section 1"]
    assert level["1"] == level["Schedule B"] + 1
    c = next(c for c in doc.clauses if c.number == "2.1")
    assert c.heading == "Eligibility"


def test_chinese_numbering_nests(tmp_path):
    doc, tree = outline(tmp_path, ZH)
    level = {num: lvl for lvl, num, _ in tree}
    assert level["第一条"] == level["第二条"]
    assert level["(一)"] == level["(二)"] == level["第一条"] + 1
    assert level["一"] == level["二"] == level["第二条"] + 1
    assert level["1"] == level["2"] == level["一"] + 1
    heads = {num: h for _, num, h in tree}
    assert heads["第一条"] == "服务可用性"


def test_glossary(tmp_path):
    doc, _ = outline(tmp_path, EN)
    terms = {d.term: d for d in doc.glossary}
    assert "Downtime" in terms and "Monthly Uptime Percentage" in terms
    assert terms["Downtime"].text.startswith("Downtime") or "1-minute" in terms["Downtime"].text
    zh, _ = outline(tmp_path, ZH, "zh.txt")
    assert "服务不可用" in {d.term for d in zh.glossary}


@pytest.mark.parametrize("line", [
    "99.95% of the time the service is up.",
    "30 days after the incident, claims lapse.",
])
def test_numbers_that_are_not_clause_numbers(tmp_path, line):
    _, tree = outline(tmp_path, "Intro text that runs on\n" + line + "\n")
    assert all(num is None or not line.startswith(num) for _, num, _ in tree)


def test_wrapped_chinese_number_is_joined(tmp_path):
    from slacheck.clauses.model import join_lines

    assert join_lines(["月度服务可用性低于9", "9.95%的"]) == "月度服务可用性低于99.95%的"
    assert join_lines(["月度服务费的5", "0%"]) == "月度服务费的50%"
    assert join_lines(["avail-", "ability of the service"]) == "availability of the service"
    assert join_lines(["the Service", "Credit"]) == "the Service Credit"
