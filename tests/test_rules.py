"""The risk rules as data: every rule loads, has both languages, and its risky example
fires while its acceptable one does not (laid over a risk-free baseline summary)."""

import copy
import json

import pytest

from slacheck.knowledge import data_path, rules

BASELINE = json.loads(data_path("rules", "baseline.json").read_text(encoding="utf-8"))
RULES = rules.load_rules()


def _fires(rule, overlay, lang="en"):
    data = copy.deepcopy(BASELINE)
    data.update(overlay)
    data["source"] = dict(data["source"], language=lang)
    return rule.id in {r["id"] for r in rules.evaluate_dict(data, lang=lang)}


def test_baseline_has_no_risk():
    assert rules.evaluate_dict(copy.deepcopy(BASELINE)) == []


def test_at_least_25_rules_with_unique_ids():
    ids = [r.id for r in RULES]
    assert len(ids) >= 25
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_risky_example_fires(rule, lang):
    assert _fires(rule, rule.examples["risky"], lang)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_acceptable_example_does_not_fire(rule):
    assert not _fires(rule, rule.examples["acceptable"])


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_text_in_both_languages(rule):
    for key in rules.TEXT_KEYS:
        assert rule.text["en"][key].strip()
        assert any("\u4e00" <= ch <= "\u9fff" for ch in rule.text["zh"][key])


def test_a_broken_rule_is_reported_with_every_problem(tmp_path, monkeypatch):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "SLA900.toml").write_text('id = "SLA901"\nseverity = "dire"\n', encoding="utf-8")
    monkeypatch.setattr(rules, "data_path", lambda *p: tmp_path.joinpath(*p))
    rules.load_rules.cache_clear()
    try:
        with pytest.raises(rules.RuleError) as err:
            rules.load_rules()
        msg = str(err.value)
        assert "does not match the file name" in msg and "severity" in msg and "[zh] title" in msg
    finally:
        rules.load_rules.cache_clear()
