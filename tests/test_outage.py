"""After an outage: `credit`, `claim` and `monitor`, and the knowledge modules behind them
(periods, credits, deadlines, letters, openslo). Unit tests build Summaries by hand; the
CLI tests read small SLA texts in English and Chinese written to tmp files."""

import json
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from slacheck.cli.app import app
from slacheck.extractors.model import (Claim, Commitment, CreditTier, Downtime, DurationCredit, Evidence,
                                       Exclusion, Flag, Summary)
from slacheck.knowledge import credits, deadlines, letters, openslo, periods

from conftest import corpus_pdfs

runner = CliRunner()


# --- building summaries by hand ------------------------------------------------------------

def ev(text="...", page=1, clause="3"):
    return Evidence(page, clause, text)


def tier(lo, hi, pct, scope=None, text=None):
    return CreditTier(lo, hi, pct, None, scope, ev(text or f"[{lo}, {hi}) -> {pct}"))


STANDARD = [tier(99.0, 99.95, 10), tier(95.0, 99.0, 25), tier(0.0, 95.0, 100)]


def make(commitments=(99.95,), tiers=STANDARD, cap=50, gran=None, minimum=None, exclusions=(), durations=(),
         claim=None, flags=(), error_rate=None, language="en", scopes=None, period="monthly"):
    cs = [Commitment(u, period, None, (scopes or [None] * len(commitments))[k], ev("commitment", clause="1"))
          for k, u in enumerate(commitments)]
    return Summary(
        source={"path": "x.txt", "sha256": "", "pages": 1, "language": language},
        provider="Example Cloud", services=["Compute"], commitments=cs, credit_tiers=list(tiers),
        duration_credits=list(durations), credit_cap_percent=cap,
        credit_cap_evidence=ev("cap") if cap is not None else None,
        downtime=Downtime(gran, None, error_rate, None, ev("downtime", clause="2")) if gran or error_rate else None,
        minimum_credit=ev(minimum) if minimum else None,
        exclusions=[Exclusion(cat, text, cat == "other", ev(text, clause="4")) for cat, text in exclusions],
        claim=claim, flags=list(flags))


# --- periods -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,minutes", [
    ("3h20m", 200), ("50m", 50), ("2d", 2880), ("1:30", 90), ("90s", 1.5), ("1.5h", 90), ("1h 30min", 90),
    ("3小时20分钟", 200), ("2 hours", 120), ("1d2h", 1560), ("0:05", 5), ("45 mins", 45), ("1w", 10080),
])
def test_parse_duration(text, minutes):
    assert periods.parse_duration(text) == pytest.approx(minutes)


@pytest.mark.parametrize("text", ["", "50", "3x", "h", "3h20", "abc", "-5m", "5 parsecs"])
def test_parse_duration_refuses(text):
    with pytest.raises(ValueError):
        periods.parse_duration(text)


@pytest.mark.parametrize("text,days", [
    ("2026-02", 28), ("2028-02", 29), ("2100-02", 28), ("2000-02", 29), ("2026-04", 30), ("2026-10", 31),
    ("2026/10", 31), ("2026年10月", 31), ("2026-Q1", 90), ("2026-Q4", 92), ("2028", 366), ("2026", 365),
])
def test_parse_period_lengths(text, days):
    p = periods.parse_period(text)
    assert p.days == days
    assert p.minutes == days * 1440


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "26-10", "2026-10-01", "October", "", "2026-Q5", "1900-01"])
def test_parse_period_refuses(text):
    with pytest.raises(ValueError):
        periods.parse_period(text)


@pytest.mark.parametrize("period,days", [("2026-02", 28), ("2028-02", 29), ("2026-04", 30), ("2026-10", 31), (None, 30)])
def test_month_minutes_28_to_31_days(period, days):
    assert credits.month_minutes(period) == days * 1440


@pytest.mark.parametrize("text,expected", [
    ("2026-10-03 14:05", datetime(2026, 10, 3, 14, 5)), ("2026-10-03T14:05:30", datetime(2026, 10, 3, 14, 5, 30)),
    ("2026-10-03", datetime(2026, 10, 3)), ("2026/10/03 09:00", datetime(2026, 10, 3, 9)),
    ("2026年10月3日 14:05", datetime(2026, 10, 3, 14, 5)), ("2026-10-03T14:05Z", datetime(2026, 10, 3, 14, 5)),
    ("2026-10-03 14:05+08:00", datetime(2026, 10, 3, 14, 5)),
])
def test_parse_incident(text, expected):
    assert periods.parse_incident(text) == expected


@pytest.mark.parametrize("text", ["yesterday", "2026-13-01", "2026-02-30", "03/10/2026", "2026-10-03 25:00", ""])
def test_parse_incident_refuses(text):
    with pytest.raises(ValueError):
        periods.parse_incident(text)


def test_format_minutes():
    assert periods.format_minutes(200) == "3h 20m"
    assert periods.format_minutes(200, "zh") == "3小时20分钟"
    assert periods.format_minutes(4.32) == "4m 19s"
    assert periods.format_minutes(21.6) == "22m"
    assert periods.format_minutes(21.6, precise=True) == "21m 36s"
    assert periods.format_minutes(0) == "0s"
    assert periods.format_minutes(1440 * 1.5) == "1d 12h"


# --- credits: tiers, caps, proration, minimum amounts ----------------------------------------

@pytest.mark.parametrize("uptime,pct", [
    (100.0, 0), (99.95, 0),          # the commitment met: the top band's upper end is exclusive
    (99.9499, 10), (99.0, 10),       # lower ends are inclusive
    (98.9999, 25), (95.0, 25),
    (94.9999, 50), (0.0, 50),        # 100% capped at 50%
])
def test_tier_boundaries(uptime, pct):
    o = credits.owed(make(), uptime=uptime)
    assert o.credit_percent == pct


def test_met_commitment_says_why():
    o = credits.owed(make(), uptime=99.97)
    assert o.credit_percent == 0 and not o.owed_anything
    assert [r.code for r in o.notes if r.blocking] == ["meets_commitment"]


def test_boundary_from_downtime_is_not_lost_to_floating_point():
    # 21.6 minutes in a 30-day month is exactly 99.95%: nothing is owed
    assert credits.owed(make(), downtime_minutes=21.6).credit_percent == 0
    assert credits.owed(make(), downtime_minutes=21.7).credit_percent == 10


def test_cap_applies_and_is_reported():
    o = credits.owed(make(cap=50), uptime=90)
    assert (o.uncapped_percent, o.credit_percent) == (100, 50)
    assert any(r.code == "capped" for r in o.notes)
    assert ("cap", o.citations[-1][1]) in o.citations or any(role == "cap" for role, _ in o.citations)
    uncapped = credits.owed(make(cap=None), uptime=90)
    assert uncapped.credit_percent == 100


@pytest.mark.parametrize("period,pct", [("2026-02", 10), ("2026-04", 10), ("2026-10", 0), ("2026-01", 0)])
def test_month_length_decides_the_tier(period, pct):
    # 22 minutes down: 99.945% of a 28-day month, 99.949% of 30 days, 99.951% of 31 days
    assert credits.owed(make(), downtime_minutes=22, period=period).credit_percent == pct


def test_leap_year_february():
    # 20.5 minutes: below 99.95% in February 2026 (28 days), above it in February 2028 (29 days)
    assert credits.owed(make(), downtime_minutes=20.5, period="2026-02").credit_percent == 10
    assert credits.owed(make(), downtime_minutes=20.5, period="2028-02").credit_percent == 0
    assert credits.owed(make(), downtime_minutes=20.5, period="2028-02").period_minutes == 29 * 1440


def test_whole_intervals_and_outage_shorter_than_the_interval():
    s = make(gran=5)
    short = credits.owed(s, downtime_minutes=3)
    assert short.credit_percent == 0 and short.notes[-1].code == "below_interval"
    o = credits.owed(s, downtime_minutes=52)
    assert o.counted_minutes == 50
    assert any(r.code == "whole_intervals" for r in o.notes)
    # 24 minutes = 4 whole intervals = 20 min: 99.954% -> nothing; 25 minutes -> 10%
    assert credits.owed(s, downtime_minutes=24).credit_percent == 0
    assert credits.owed(s, downtime_minutes=25).credit_percent == 10


def test_amount_proration_and_fee():
    s = make()
    o = credits.owed(s, uptime=99.5, monthly_fee=Decimal("1200"), currency="USD")
    assert o.amount == Decimal("120.00") and o.currency == "USD"
    o = credits.owed(s, uptime=99.5, monthly_fee=1000, affected_percent=40)
    assert o.amount == Decimal("40.00") and o.prorated_share == 40
    assert any(r.code == "prorated_affected" for r in o.notes)


def test_prorated_flag_is_cited():
    s = make(flags=[Flag("prorated_credits", True, ev("credits are prorated to the affected instances"))])
    o = credits.owed(s, uptime=99.5)
    assert any(r.code == "prorated_flag" for r in o.notes)
    assert any(role == "proration" for role, _ in o.citations)


def test_minimum_amount_rule():
    s = make(minimum="Credits of less than $10 in a month will not be issued.")
    small = credits.owed(s, uptime=99.5, monthly_fee=50, currency="USD")
    assert small.credit_percent == 10 and small.amount == Decimal("0.00") and not small.owed_anything
    assert any(r.code == "below_minimum" and r.blocking for r in small.notes)
    big = credits.owed(s, uptime=99.5, monthly_fee=200, currency="USD")
    assert big.amount == Decimal("20.00") and big.minimum_amount == Decimal("10")
    other = credits.owed(s, uptime=99.5, monthly_fee=50, currency="CNY")
    assert other.amount == Decimal("5.00") and any(r.code == "minimum_other_currency" for r in other.notes)
    no_fee = credits.owed(s, uptime=99.5)
    assert any(r.code == "minimum_rule" for r in no_fee.notes)


@pytest.mark.parametrize("text,expected", [
    ("Credits of less than $10 will not be issued", (Decimal("10"), "USD")),
    ("单笔赔偿金额不足1元的，不予发放代金券", (Decimal("1"), "CNY")),
    ("credits under 25 will not be issued", (Decimal("25"), None)),
    ("a credit below EUR 5.50 is not paid", (Decimal("5.50"), "EUR")),
    ("no money here, 99.9%", None),
])
def test_parse_money(text, expected):
    assert credits.parse_money(text) == expected


def test_currency_codes():
    assert credits.currency_code("usd") == "USD"
    assert credits.currency_code("元") == "CNY"
    assert credits.currency_code("jpy") == "JPY"
    with pytest.raises(ValueError):
        credits.currency_code("dollarz")


def test_excluded_cause_owes_nothing():
    s = make(exclusions=[("force_majeure", "force majeure events")])
    o = credits.owed(s, uptime=90, cause="force_majeure")
    assert o.credit_percent == 0 and o.excluded_by == "force_majeure"
    assert any(role == "exclusion" for role, _ in o.citations)
    listed = credits.owed(s, uptime=90, cause="third_party")
    assert listed.credit_percent == 50 and any(r.code == "not_excluded" for r in listed.notes)
    catch = make(exclusions=[("other", "any other cause beyond our control")])
    o = credits.owed(catch, uptime=90, cause="third_party")
    assert o.credit_percent == 50 and any(r.code == "catch_all" for r in o.notes)


def test_duration_credits_units_cap_and_part_thereof():
    d = DurationCredit(30, 5, None, 50, ev("5% of the monthly fee for each 30 minutes of Downtime, up to 50%"))
    s = make(tiers=[], durations=[d], cap=None)
    assert credits.owed(s, downtime_minutes=200).credit_percent == 30  # 6 whole units
    assert credits.owed(s, downtime_minutes=20 * 60).credit_percent == 50  # capped by the clause
    part = DurationCredit(30, 5, None, None, ev("5% for each 30 minutes or part thereof"))
    assert credits.owed(make(tiers=[], durations=[part], cap=None), downtime_minutes=200).credit_percent == 35
    zh = DurationCredit(15, 2, None, None, ev("每累计15分钟服务不可用（不⾜15分钟的部分按15分钟计），赔偿2%"))
    assert credits.owed(make(tiers=[], durations=[zh], cap=None), downtime_minutes=200).credit_percent == 28
    # above the commitment, no duration credit
    assert credits.owed(s, downtime_minutes=10).credit_percent == 0


def test_duration_credit_in_days_prorated_by_month_length():
    d = DurationCredit(60, None, 1, None, ev("one day of service for each hour of Downtime"))
    s = make(tiers=[], durations=[d], cap=None)
    oct_ = credits.owed(s, downtime_minutes=180, period="2026-10")
    feb = credits.owed(s, downtime_minutes=180, period="2026-02")
    assert oct_.credit_percent == pytest.approx(300 / 31)
    assert feb.credit_percent == pytest.approx(300 / 28)
    assert any(r.code == "prorated_days" for r in feb.notes)


def test_tier_paying_days_of_service():
    s = make(commitments=(99.9,), tiers=[tier(99.0, 99.9, None, text="at least 99.0% but less than 99.9% | 3 days"),
                                         tier(0.0, 99.0, None, text="less than 99.0% | 7 days")], cap=None)
    assert credits.owed(s, uptime=99.5, period="2026-10").credit_percent == pytest.approx(300 / 31)
    assert credits.owed(s, uptime=98).credit_percent == pytest.approx(700 / 30)


def test_quarterly_commitment_counts_its_quarter():
    s = make(commitments=(99.9,), tiers=[tier(99.0, 99.9, 10)], period="quarterly")
    o = credits.owed(s, downtime_minutes=200, period="2026-10")
    assert o.period_minutes == 92 * 1440 and o.credit_percent == 10
    assert any(r.code == "period_kind" and r.params["period"] == "2026-Q4" for r in o.notes)


# --- several scopes -------------------------------------------------------------------------

def test_unlabelled_schedules_split_and_pair_with_commitments():
    tiers = [tier(99.0, 99.95, 10), tier(95.0, 99.0, 25), tier(0.0, 95.0, 100),
             tier(99.0, 99.5, 10), tier(95.0, 99.0, 25), tier(0.0, 95.0, 50)]
    s = make(commitments=(99.95, 99.5), tiers=tiers, scopes=["multi-zone", "zonal"], cap=None)
    groups = credits.schedules(s)
    assert [len(g) for g in groups] == [3, 3]
    multi, zonal = s.commitments
    assert credits.schedule_for(s, zonal) == groups[1]
    assert credits.owed(s, uptime=90, scope="zonal").credit_percent == 50
    assert credits.owed(s, uptime=90, scope="multi-zone").credit_percent == 100
    assert credits.owed(s, uptime=99.7, scope="zonal").credit_percent == 0
    assert credits.owed(s, uptime=99.7, scope="multi-zone").credit_percent == 10


def test_labelled_schedules_and_scope_words_in_both_languages():
    tiers = [tier(99.0, 99.95, 10, "single instance"), tier(0.0, 99.0, 30, "single instance"),
             tier(99.0, 99.99, 25, "multi-zone"), tier(0.0, 99.0, 100, "multi-zone")]
    s = make(commitments=(99.95, 99.99), tiers=tiers, scopes=["single instance", "multi-zone"], cap=None)
    assert credits.select_commitments(s, "多可用区")[0].scope == "multi-zone"
    assert credits.select_commitments(s, "Multi-Zone")[0].scope == "multi-zone"
    assert credits.select_commitments(s, "single")[0].scope == "single instance"
    assert credits.owed(s, uptime=99.5, scope="单实例").credit_percent == 10
    assert credits.owed(s, uptime=99.5, scope="multi-zone").credit_percent == 25
    with pytest.raises(ValueError, match="single instance, multi-zone"):
        credits.select_commitments(s, "gold")


def test_scope_by_percentage_when_commitments_have_no_names():
    s = make(commitments=(99.9, 99.95))
    assert credits.select_commitments(s, "99.95%")[0].uptime_percent == 99.95
    with pytest.raises(ValueError, match="99.9%"):
        credits.select_commitments(s, "97")


def test_compare_keeps_working_without_scope():
    s = make(commitments=(99.95, 99.5), scopes=["multi-zone", "single instance"])
    o = credits.owed(s, uptime=99.0)
    assert o.commitment == 99.95 and o.credit_percent == 10


# --- deadlines ----------------------------------------------------------------------------------

def test_business_days_skip_weekends_us():
    assert deadlines.add_business_days(date(2026, 10, 2), 1, "US") == date(2026, 10, 5)  # Fri -> Mon
    assert deadlines.add_business_days(date(2026, 10, 2), 5, "US") == date(2026, 10, 9)
    assert deadlines.business_days_between(date(2026, 10, 2), date(2026, 10, 9), "US") == 5


def test_business_days_skip_us_holidays():
    # Thanksgiving (Thu 26 Nov 2026) is skipped
    assert deadlines.add_business_days(date(2026, 11, 19), 5, "US") == date(2026, 11, 27)
    assert not deadlines.is_working_day(date(2026, 12, 25), "US")


def test_business_days_follow_chinese_adjusted_working_days():
    # National Day 2026: Oct 1-7 off, Saturday Oct 10 is a working day
    assert not deadlines.is_working_day(date(2026, 10, 5), "CN")
    assert deadlines.is_working_day(date(2026, 10, 10), "CN")
    c = Claim(7, True, "7个工作日", [], None, anchor="incident")
    d = deadlines.claim_deadline(c, datetime(2026, 9, 29, 10, 0), country="CN", lang="zh")
    assert d.last_day == date(2026, 10, 14)
    assert date(2026, 10, 10) in d.extra_workdays
    assert any(day == date(2026, 10, 1) for day, _ in d.skipped)
    us = deadlines.claim_deadline(c, datetime(2026, 9, 29, 10, 0), country="US")
    assert us.last_day == date(2026, 10, 8)


def test_calendar_days_from_the_incident_and_from_the_period_end():
    inc = Claim(30, False, "30 days", [], None, anchor="incident")
    assert deadlines.claim_deadline(inc, datetime(2026, 10, 3, 14, 5)).last_day == date(2026, 11, 2)
    end = Claim(60, False, "60个自然日", [], None, anchor="period_end")
    d = deadlines.claim_deadline(end, datetime(2026, 10, 3))
    assert (d.anchor_date, d.last_day) == (date(2026, 10, 31), date(2026, 12, 30))
    feb = deadlines.claim_deadline(Claim(1, False, "", [], None, anchor="period_end"), datetime(2028, 2, 10))
    assert (feb.anchor_date, feb.last_day) == (date(2028, 2, 29), date(2028, 3, 1))


def test_end_of_next_billing_cycle_and_months():
    nxt = Claim(30, False, "end of the next billing cycle", [], None, anchor="cycle_end", window_months=1)
    assert deadlines.claim_deadline(nxt, datetime(2026, 1, 31)).last_day == date(2026, 2, 28)
    assert deadlines.claim_deadline(nxt, datetime(2028, 1, 15)).last_day == date(2028, 2, 29)
    assert deadlines.claim_deadline(nxt, datetime(2026, 12, 5)).last_day == date(2027, 1, 31)
    two = Claim(60, False, "两个月", [], None, anchor="period_end", window_months=2)
    assert deadlines.claim_deadline(two, datetime(2026, 9, 3)).last_day == date(2026, 11, 30)


def test_business_days_after_a_quarter():
    c = Claim(10, True, "ten (10) business days", [], None, anchor="period_end")
    d = deadlines.claim_deadline(c, datetime(2026, 11, 5), commitment_period="quarterly", country="US")
    assert d.service_period.label() == "2026-Q4"
    assert d.last_day == date(2027, 1, 15)  # Jan 1 is a holiday


def test_window_from_the_end_of_the_outage_and_unknown_anchor():
    c = Claim(15, False, "15 days", [], None, anchor="incident_end")
    assert deadlines.claim_deadline(c, datetime(2026, 10, 3, 20, 0), downtime_minutes=300).last_day == date(2026, 10, 19)
    assert deadlines.claim_deadline(c, datetime(2026, 10, 3, 20, 0)).last_day == date(2026, 10, 18)
    unknown = deadlines.claim_deadline(Claim(30, False, "", [], None), datetime(2026, 10, 3))
    assert unknown.assumed_anchor and unknown.anchor == "incident"
    assert deadlines.claim_deadline(None, datetime(2026, 10, 3)) is None


@pytest.mark.parametrize("day,n,expected", [
    (date(2026, 1, 31), 1, date(2026, 2, 28)), (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 9, 30), 1, date(2026, 10, 31)), (date(2026, 1, 15), 2, date(2026, 3, 15)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
])
def test_add_months(day, n, expected):
    assert deadlines.add_months(day, n) == expected


def test_country_codes():
    assert deadlines.provider_country("zh") == "CN"
    assert deadlines.provider_country("en") == "US"
    assert deadlines.provider_country("zh", "de") == "DE"
    assert deadlines.check_country("gb") == "GB"
    for bad in ("XX", "china", "1"):
        with pytest.raises(ValueError):
            deadlines.check_country(bad)


# --- letters --------------------------------------------------------------------------------

def test_requirement_items():
    assert letters.requirement_items("The claim must include the dates and times of each incident.", "en") == \
        ["the dates and times of each incident"]
    assert letters.requirement_items(
        "Your claim must include: (a) the affected resource IDs; (b) the region; and (c) your logs.", "en") == \
        ["the affected resource IDs", "the region", "your logs"]
    assert letters.requirement_items("赔偿申请应至少包括：云硬盘ID、所在地域及可用区、故障开始与结束时间、故障现象描述。", "zh") == \
        ["云硬盘ID", "所在地域及可用区", "故障开始与结束时间", "故障现象描述"]
    assert letters.requirement_items("并提供存储桶名称、故障发生的时间段以及典型的失败请求 RequestId。", "zh") == \
        ["存储桶名称", "故障发生的时间段", "典型的失败请求 RequestId"]


def test_checklist_cites_the_contract_and_adds_recommended_items():
    claim = Claim(30, False, "30 days", ["The claim must include the dates and times of each incident."],
                  ev("submit a claim within 30 days of the incident"),
                  requirement_evidence=[ev("The claim must include the dates and times of each incident.", 2, "4.2")])
    items = letters.checklist(make(claim=claim), "en")
    assert items[0].required and items[0].text == "the dates and times of each incident"
    assert items[0].evidence.clause == "4.2"
    rec = [i.text for i in items if not i.required]
    assert any("account" in t.lower() for t in rec)
    assert not any(t.startswith("Start and end time") for t in rec)  # the contract already asks for times


def test_claim_letters_in_both_languages():
    claim = Claim(60, False, "60个自然日", [], ev("用户应在服务周期结束后60个自然日内提交工单申请赔偿。", clause="三"),
                  anchor="period_end")
    s = make(claim=claim, language="zh")
    s.provider, s.services = "青穹云", ["云服务器"]
    when = datetime(2026, 10, 3, 14, 5)
    o = credits.owed(s, downtime_minutes=50, period="2026-10", monthly_fee=1200, currency="CNY")
    d = deadlines.claim_deadline(claim, when, country="CN")
    zh = letters.claim_letter(s, incident=when, lang="zh", downtime_minutes=50, owed=o, deadline=d, today=date(2026, 10, 5))
    assert "青穹云" in zh and "此致" in zh and "截止日为2026年12月30日" in zh and "10%" in zh
    assert "120.00 CNY" in zh and "2026年10月" in zh and "- [ ] " in zh
    en = letters.claim_letter(s, incident=when, lang="en", downtime_minutes=50, owed=o, deadline=d, today=date(2026, 10, 5))
    assert en.startswith("# Service credit claim") and "December 30, 2026" in en and "50m" in en


# --- openslo ----------------------------------------------------------------------------------

def test_allowed_downtime_per_30_days_month_and_year():
    s = make(commitments=(99.95, 99.5), gran=5)
    b = openslo.budgets(s, periods.parse_period("2028-02"), schedule_for=credits.schedule_for)
    assert b[0].per_30_days == pytest.approx(21.6)
    assert b[0].per_month == pytest.approx(29 * 1440 * 0.0005)
    assert b[0].per_year == pytest.approx(366 * 1440 * 0.0005) and b[0].year_days == 366
    assert b[0].intervals == 4  # 20.88 minutes = 4 whole 5-minute intervals
    assert b[0].thresholds[0][2] == 10
    plain = openslo.budgets(s)
    assert plain[0].per_month is None and plain[0].per_year == pytest.approx(262.8)


@pytest.mark.parametrize("period,window", [("monthly", "1M"), ("quarterly", "1Q"), ("annual", "1Y")])
def test_openslo_time_window_follows_the_contract(period, window):
    s = make(commitments=(99.9,), period=period, gran=1)
    doc = openslo.slo_documents(s, period=periods.parse_period("2026-11"))[0]
    tw = doc["spec"]["timeWindow"][0]
    assert tw["duration"] == window and tw["isRolling"] is False
    start = {"monthly": "2026-11-01", "quarterly": "2026-10-01", "annual": "2026-01-01"}[period]
    assert tw["calendar"]["startTime"] == f"{start} 00:00:00"


def test_openslo_documents():
    s = make(commitments=(99.95, 99.5), scopes=["multi-zone", "single instance"], gran=5)
    docs = openslo.slo_documents(s, period=periods.parse_period("2026-10"), timezone="UTC")
    assert len(docs) == 2
    d = docs[0]
    assert d["apiVersion"] == "openslo/v1" and d["kind"] == "SLO"
    assert d["metadata"]["name"] == "example-cloud-compute-multi-zone-availability"
    assert d["spec"]["budgetingMethod"] == "Timeslices"
    obj = d["spec"]["objectives"][0]
    assert obj["target"] == 0.9995 and obj["timeSliceWindow"] == "5m" and 0 < obj["timeSliceTarget"] < 1
    ratio = d["spec"]["indicator"]["spec"]["ratioMetric"]
    assert ratio["good"]["metricSource"]["type"] == "Prometheus"
    assert 'probe_success{job="blackbox", service="example-cloud-compute", scope="multi-zone"}' in \
        ratio["total"]["metricSource"]["spec"]["query"]
    assert "[5m]" in ratio["good"]["metricSource"]["spec"]["query"]
    assert len({x["metadata"]["name"] for x in docs}) == 2


def test_openslo_without_interval_counts_occurrences():
    doc = openslo.slo_documents(make(), today=date(2026, 10, 5))[0]
    assert doc["spec"]["budgetingMethod"] == "Occurrences"
    assert "timeSliceWindow" not in doc["spec"]["objectives"][0]
    assert doc["spec"]["timeWindow"][0]["calendar"]["startTime"] == "2026-10-01 00:00:00"


def test_openslo_error_rate_sets_the_slice_target():
    doc = openslo.slo_documents(make(gran=1, error_rate=5))[0]
    assert doc["spec"]["objectives"][0]["timeSliceTarget"] == 0.95


def test_service_names():
    s = make()
    assert openslo.service_name(s) == "example-cloud-compute"
    assert openslo.service_name(s, "My API") == "my-api"
    s.provider, s.services = "青穹云", ["云服务器"]
    assert openslo.service_name(s, fallback="zh-dev-songxi-ecs") == "zh-dev-songxi-ecs"


TRICKY = {"plain": "abc", "colon": "a: b", "hash": "x #y", "yes": "yes", "null": "null", "date": "2026-10-01",
          "num": "0.9995", "quote": 'say "hi"', "unicode": "可用性 ≥ 99.95%", "newline": "a\nb", "empty": "",
          "lead": "-x", "star": "*x", "brace": "{x}", "tilde": "~", "line_sep": "a\u2028b", "int": 3,
          "float": 0.9995, "bool": False, "none": None, "list": [1, "two", {"k": "v"}, []], "emptydict": {},
          "nested": {"a": [{"b": [1, 2]}, [3, [4]]]}}


def test_yaml_emitter_shape():
    text = openslo.to_yaml([{"a": 1}, {"b": [1, 2]}])
    assert text == "---\na: 1\n---\nb:\n- 1\n- 2\n"
    out = openslo.to_yaml([TRICKY])
    assert 'colon: "a: b"' in out and '"yes": "yes"' in out and 'date: "2026-10-01"' in out
    assert "\u2028" not in out


def test_yaml_round_trips_through_pyyaml():
    yaml = pytest.importorskip("yaml")
    docs = openslo.slo_documents(make(commitments=(99.95, 99.5), scopes=["multi-zone", None], gran=5),
                                 period=periods.parse_period("2026-10"))
    assert list(yaml.safe_load_all(openslo.to_yaml(docs))) == docs
    assert list(yaml.safe_load_all(openslo.to_yaml([TRICKY, {"x": 1}]))) == [TRICKY, {"x": 1}]


# --- the commands -----------------------------------------------------------------------------

EN_SLA = """Acme Cloud Compute Service Level Agreement

1. Service Commitment
Acme will make Compute available with a Monthly Uptime Percentage of at least 99.95% for multi-zone deployments and 99.5% for single instance.

2. Definitions
"Downtime" means any 1-minute interval in which the instance has no external connectivity.

3. Service Credits
If the Monthly Uptime Percentage falls below 99.95% you are eligible for a credit of 10% of the monthly fees; below 99%, 25%; below 95%, 100%.
In no event will total credits in any month exceed 50% of the monthly fee for the affected service.
Service Credits will be applied against future invoices.
To receive a credit you must submit a claim within 30 days of the incident. The claim must include the dates and times of each incident.

4. Exclusions
This SLA does not apply to any unavailability caused by (a) force majeure events; (b) your acts or omissions; (c) scheduled maintenance announced 48 hours in advance.
"""

ZH_SLA = """青穹云云服务器服务等级协议

一、服务可用性
青穹云承诺，云服务器单实例的月度服务可用性不低于99.95%，多可用区部署的月度服务可用性不低于99.99%。

二、名词解释
服务不可用：指连续5分钟内实例无法访问，以青穹云监控数据为准。

三、赔偿标准
月度服务可用性低于99.95%但等于或高于99%的，赔偿月度服务费的10%；低于99%但等于或高于95%的，赔偿月度服务费的25%；低于95%的，赔偿月度服务费的100%。
赔偿以代金券形式发放，不可兑换现金。赔偿总额不超过用户当月支付的服务费用。
用户应在服务周期结束后60个自然日内提交工单申请赔偿。

四、免责条款
因以下原因导致的服务不可用不计入不可用时间：（一）不可抗力；（二）用户原因或第三方软件；（三）黑客攻击。
"""

BUSINESS_SLA = """Orbit Mail Service Level Agreement

1. Commitment
Orbit will make the Mail service available at least 99.9% of each calendar month.

2. Credits
If availability in a month is less than 99.9%, you will receive a service credit of 10% of the monthly fee.
Credits of less than $10 will not be issued.
To claim a service credit, notify Orbit within five (5) business days of the incident.
"""

NO_TERMS = """Nimbus Notes Terms of Use

1. Use of the service
You may use Nimbus Notes for your personal note taking. We may change these terms.
"""


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    root = tmp_path_factory.mktemp("outage")
    out = {}
    for name, text in (("en", EN_SLA), ("zh", ZH_SLA), ("biz", BUSINESS_SLA), ("none", NO_TERMS)):
        path = root / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        out[name] = str(path)
    return out


def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def test_credit_en(docs):
    r = run("credit", docs["en"], "--downtime", "3h20m", "--period", "2026-10", "--monthly-fee", "1200",
            "--currency", "USD", "--scope", "multi-zone")
    assert r.exit_code == 0, r.output
    assert "Period: 2026-10 (31 days)" in r.stdout
    assert "99% – < 99.95% → 10% of the monthly fee [p. 1, §3]" in r.stdout
    assert "Credit: 10% of the monthly fee = 120.00 USD" in r.stdout
    assert "Cap: 50% of the monthly fee (not reached)" in r.stdout
    assert "Clauses cited" in r.stdout


def test_credit_all_scopes_and_cap(docs):
    r = run("credit", docs["en"], "--uptime", "90", "--monthly-fee", "1000")
    assert r.exit_code == 0
    assert r.stdout.count("Credit: 50% of the monthly fee = 500.00") == 2
    assert "several commitments" in r.stdout and "Capped: 100%" in r.stdout


def test_credit_json(docs):
    r = run("credit", docs["en"], "--uptime", "99.2", "--scope", "single", "--format", "json")
    data = json.loads(r.stdout)
    (res,) = data["results"]
    assert res["scope"] == "single instance" and res["credit_percent"] == 10 and res["owed"]
    assert res["tier"]["lower_percent"] == 99.0 and res["citations"][0]["role"] == "commitment"


def test_credit_nothing_owed_says_why(docs):
    r = run("credit", docs["en"], "--downtime", "2h", "--cause", "force-majeure", "--scope", "multi-zone")
    assert "Nothing is owed: the contract excludes force majeure" in r.stdout
    r = run("credit", docs["en"], "--downtime", "30s", "--scope", "multi-zone")
    assert "shorter than 1m is not counted" in r.stdout
    r = run("credit", docs["en"], "--uptime", "99.97", "--scope", "multi-zone")
    assert "meets the commitment of 99.95%" in r.stdout
    r = run("credit", docs["none"], "--uptime", "90")
    assert r.exit_code == 0 and "no credit schedule" in r.stdout


def test_credit_zh_and_lang_override(docs):
    r = run("credit", docs["zh"], "--downtime", "52m", "--scope", "单实例", "--period", "2026-02")
    assert r.exit_code == 0
    assert "服务周期：2026-02（28天）" in r.stdout
    assert "52分钟计为50分钟" in r.stdout and "赔偿：10% 月度服务费" in r.stdout
    assert "赔偿形式：代金券" in r.stdout
    en = run("credit", docs["zh"], "--downtime", "52m", "--scope", "multi-zone", "--lang", "en")
    assert "Credit: 10% of the monthly fee" in en.stdout
    md = run("credit", docs["zh"], "--uptime", "94", "--scope", "多可用区", "--format", "markdown")
    assert md.stdout.startswith("## slacheck credit") and "- **赔偿：100% 月度服务费**" in md.stdout


def test_credit_minimum_amount(docs):
    r = run("credit", docs["biz"], "--uptime", "99", "--monthly-fee", "50", "--currency", "USD")
    assert "Nothing is paid: credits under 10 USD are not issued" in r.stdout
    r = run("credit", docs["biz"], "--uptime", "99", "--monthly-fee", "500", "--currency", "USD")
    assert "= 50.00 USD" in r.stdout


@pytest.mark.parametrize("args,needle", [
    (["credit", "{en}", "--downtime", "3x"], "--downtime"),
    (["credit", "{en}", "--downtime", "50"], "no unit"),
    (["credit", "{en}", "--uptime", "99", "--period", "2026-13"], "--period"),
    (["credit", "{en}", "--uptime", "101"], "--uptime"),
    (["credit", "{en}"], "give either --uptime"),
    (["credit", "{en}", "--uptime", "99", "--downtime", "1h"], "not both"),
    (["credit", "{en}", "--uptime", "99", "--cause", "aliens"], "force_majeure"),
    (["credit", "{en}", "--uptime", "99", "--scope", "gold"], "multi-zone, single instance"),
    (["credit", "{en}", "--uptime", "99", "--lang", "fr"], "--lang"),
    (["credit", "{en}", "--uptime", "99", "--monthly-fee", "lots"], "--monthly-fee"),
    (["credit", "{en}", "--uptime", "99", "--currency", "dollarz"], "--currency"),
    (["credit", "{en}", "--uptime", "99", "--affected", "0"], "--affected"),
    (["credit", "{en}", "--downtime", "32d", "--period", "2026-10"], "longer than the period"),
    (["claim", "{en}", "--incident", "yesterday"], "--incident"),
    (["claim", "{en}", "--incident", "2026-10-03", "--downtime", "3x"], "--downtime"),
    (["claim", "{en}", "--incident", "2026-10-03", "--country", "XX"], "--country"),
    (["claim", "{en}", "--incident", "2026-10-03", "--scope", "gold"], "--scope"),
    (["monitor", "{en}", "--period", "October"], "--period"),
    (["monitor", "{en}", "--timezone", "Mars/Olympus"], "--timezone"),
    (["monitor", "{en}", "--scope", "gold"], "--scope"),
])
def test_bad_option_values_exit_12(docs, args, needle):
    r = run(*[a.format(**docs) for a in args])
    assert r.exit_code == 12, (r.exit_code, r.output)
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("slacheck: error: ")
    assert needle in err[0]


def test_missing_file_keeps_its_exit_code(tmp_path):
    r = run("credit", tmp_path / "nope.pdf", "--uptime", "99")
    assert r.exit_code == 3


def test_claim_en(docs):
    r = run("claim", docs["en"], "--incident", "2026-10-03 14:05", "--downtime", "50m", "--scope", "multi-zone",
            "--monthly-fee", "1200", "--currency", "USD", "--today", "2026-10-05")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "Last day to claim: 2026-11-02 (Mon)" in out
    assert "30 calendar days after the incident (2026-10-03)" in out and "28 day(s) left." in out
    assert "[ ] the dates and times of each incident (required by the contract) [p. 1, §3]" in out
    assert "# Service credit claim: Acme" in out and "120.00 USD" in out


def test_claim_business_days_and_json(docs):
    r = run("claim", docs["biz"], "--incident", "2026-11-20 09:00", "--format", "json", "--today", "2026-11-21")
    data = json.loads(r.stdout)
    assert data["country"] == "US" and data["claim_window"]["business_days"] is True
    assert data["deadline"]["last_day"] == "2026-11-30"  # Thanksgiving and two weekends skipped
    assert data["deadline"]["holidays_skipped"][0]["date"] == "2026-11-26"
    assert data["letter"].startswith("# Service credit claim")
    gb = json.loads(run("claim", docs["biz"], "--incident", "2026-11-20", "--format", "json", "--country", "GB").stdout)
    assert gb["deadline"]["last_day"] == "2026-11-27"


def test_claim_zh(docs):
    r = run("claim", docs["zh"], "--incident", "2026-10-03 14:05", "--downtime", "50m", "--today", "2026-10-05")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "申请截止日：2026-12-30（周三）" in out and "自服务周期2026-10结束（2026-10-31）起60个自然日" in out
    assert "赔偿申请函草稿" in out and "此致" in out and "以上按第一项计算" in out
    assert "请一并提供该时段的监控记录" in out  # the provider's monitoring is the measure
    md = run("claim", docs["zh"], "--incident", "2026-10-03", "--format", "markdown", "--scope", "多可用区")
    assert "````markdown" in md.stdout and "多可用区" in md.stdout


def test_claim_without_a_window(docs):
    r = run("claim", docs["none"], "--incident", "2026-10-03")
    assert r.exit_code == 0 and "states no deadline for claims" in r.stdout


def test_monitor_text_and_json(docs):
    r = run("monitor", docs["en"], "--period", "2026-02")
    assert r.exit_code == 0, r.output
    assert "21m 36s" in r.stdout and "2026-02 (28 d)" in r.stdout and "per year (365 d)" in r.stdout
    data = json.loads(run("monitor", docs["en"], "--period", "2028-02", "--format", "json").stdout)
    first = data["budgets"][0]["allowed_minutes"]
    assert first["per_month"] == pytest.approx(20.88) and first["year_days"] == 366
    zh = run("monitor", docs["zh"])
    assert "每30天" in zh.stdout and "即最多 4 个5分钟的不可用单位" in zh.stdout


def test_monitor_openslo(docs):
    r = run("monitor", docs["zh"], "--format", "openslo", "--period", "2026-10")
    assert r.exit_code == 0
    assert r.stdout.count("---\n") == 2 and "apiVersion: openslo/v1" in r.stdout
    assert "timeZone: Asia/Shanghai" in r.stdout and 'timeSliceWindow: "5m"' in r.stdout
    yaml = pytest.importorskip("yaml")
    docs_ = list(yaml.safe_load_all(r.stdout))
    assert [d["spec"]["objectives"][0]["target"] for d in docs_] == [0.9995, 0.9999]


def test_monitor_without_commitment(docs):
    r = run("monitor", docs["none"])
    assert r.exit_code == 0 and "no availability commitment" in r.stdout
    r = run("monitor", docs["none"], "--format", "openslo")
    assert r.exit_code == 0 and r.stdout == "" and "no availability commitment" in r.stderr


def test_help_stays_light():
    code = ("import sys; from typer.testing import CliRunner; from slacheck.cli.app import app; "
            "r = CliRunner().invoke(app, ['credit', '--help']); assert r.exit_code == 0, r.output; "
            "print('--monthly-fee' in r.output, 'spacy' in sys.modules, 'pdfplumber' in sys.modules, "
            "'holidays' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "False", "False", "False"]


# --- every corpus document ------------------------------------------------------------------

PDFS = corpus_pdfs()


@pytest.fixture(scope="module")
def cached_load():
    import slacheck.cli.outage as outage

    original, cache = outage._load, {}

    def load(file, max_pages, timeout):
        key = str(file)
        if key not in cache:
            cache[key] = original(file, max_pages, timeout)
        return cache[key]

    outage._load = load
    yield
    outage._load = original


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_commands_on_the_corpus(pdf, cached_load):
    for args in (["credit", pdf, "--downtime", "3h20m", "--period", "2026-10", "--monthly-fee", "1000"],
                 ["claim", pdf, "--incident", "2026-10-03 14:05", "--downtime", "50m", "--today", "2026-10-05"],
                 ["monitor", pdf, "--period", "2026-10"], ["monitor", pdf, "--format", "openslo"]):
        r = run(*args)
        assert r.exit_code == 0, (args, r.output)
        assert r.stdout.strip() or r.stderr.strip()
