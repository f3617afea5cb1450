"""The three reviews through the CLI: terminal review, pre-signing checklist (an exit-code
gate), side-by-side comparison across languages."""

import json

import pytest
from typer.testing import CliRunner

from slacheck.cli.app import app

from conftest import ROOT

runner = CliRunner()
EN = ROOT / "corpora/en/dev/en-dev-brightmoor-compute.pdf"
ZH = ROOT / "corpora/zh/dev/zh-dev-songxi-ecs.pdf"

WEAK = """Thinline Hosting Service Terms

1. Service
We host your site on shared servers and try to keep it running.

2. Changes
We may modify these terms at any time by posting a new version.
"""


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_review_terminal_without_colour_names_provider_tiers_and_risks():
    result = run("review", EN)
    assert result.exit_code == 0
    out = result.stdout
    assert "\x1b[" not in out  # NO_COLOR (set by conftest) and not a terminal
    assert "Brightmoor Cloud" in out and "99.99%" in out and "99.5%" in out
    assert "Credit schedule" in out and "[p. 2" in out
    assert "MEDIUM" in out and "▲" in out  # severity by word and glyph, not colour alone


def test_review_follows_document_language_unless_told():
    zh = run("review", ZH, "--format", "text").stdout
    assert "可用性承诺" in zh and "赔偿标准" in zh
    en = run("review", ZH, "--format", "text", "--lang", "en").stdout
    assert "Availability commitments" in en


def test_review_explain_shows_the_pattern():
    out = run("review", EN, "--format", "text", "--explain").stdout
    assert "pattern: table row: uptime band | credit" in out


def test_review_markdown():
    out = run("review", EN, "--format", "markdown").stdout
    assert out.startswith("# slacheck — ") and "## Exclusions" in out


def test_checklist_gate_fails_on_a_weak_contract(tmp_path):
    f = tmp_path / "weak.txt"
    f.write_text(WEAK, encoding="utf-8")
    result = run("checklist", f)
    assert result.exit_code == 1
    assert "SLA001" in result.stdout and "[BLOCKING]" in result.stdout


def test_checklist_policy_can_accept_a_rule(tmp_path):
    f = tmp_path / "weak.txt"
    f.write_text(WEAK, encoding="utf-8")
    policy = tmp_path / "policy.toml"
    policy.write_text('block_on_high = false\nblocking_rules = []\n', encoding="utf-8")
    assert run("checklist", f, "--policy", policy).exit_code == 0


def test_checklist_markdown_for_a_ticket():
    result = run("checklist", EN, "--format", "markdown")
    assert result.exit_code == 0  # no high-severity item fails on this contract
    assert "- [x] " in result.stdout and "- [ ] " in result.stdout
    assert "Ask the provider:" in result.stdout


@pytest.mark.parametrize("content,needle", [("min_uptime = [", "not valid TOML"),
                                            ("no_such_key = 1", "unknown policy keys")])
def test_bad_policy_is_a_clear_error(tmp_path, content, needle):
    policy = tmp_path / "p.toml"
    policy.write_text(content, encoding="utf-8")
    result = run("checklist", EN, "--policy", policy)
    assert result.exit_code == 12
    assert needle in result.stderr and "Traceback" not in result.output


def test_compare_across_languages():
    result = run("compare", EN, ZH, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    rows = {r["name"]: r for r in data["rows"]}
    assert rows["commitment (single instance)"]["better"] == "B"  # 99.95% beats 99.5%
    assert rows["credit at 95% uptime"]["a"] == "30%" and rows["credit at 95% uptime"]["b"] == "25%"
    assert rows["credit form"]["better"] == "A"  # bill credit beats a voucher
    assert data["verdict"] in ("A", "B", None) and len(data["reasons"]) == 2
    text = run("compare", EN, ZH).stdout
    assert "Verdict:" in text and "█" in text
