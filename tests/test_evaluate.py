"""`slacheck evaluate` scores any folder of labelled SLAs: per-field precision and recall."""

import json

from typer.testing import CliRunner

from slacheck.cli.app import app
from slacheck.extractors.evaluate import Counts, gold_values, score

runner = CliRunner()

SLA = """Rivermark Cloud Service Level Agreement

1. Commitment
Rivermark will make the Service available at least 99.9% of each calendar month.

2. Service Credits
If availability falls below 99.9% you receive a credit of 10% of the monthly fee; below 99%, 30%.
Credits are your sole and exclusive remedy. Claims must be submitted within 30 days.
"""


def _label(**over):
    label = {"id": "rivermark", "provider": "Rivermark Cloud", "language": "en",
             "commitments": [{"service": None, "scope": None, "uptime_percent": 99.9, "period": "monthly"}],
             "credit_tiers": [{"lower_percent": 99.0, "upper_percent": 99.9, "credit_percent": 10},
                              {"lower_percent": 0, "upper_percent": 99.0, "credit_percent": 30}],
             "credit_cap_percent": None, "claim_window_days": 30, "credit_form": "service_credit",
             "sole_remedy": True, "downtime_granularity_minutes": None, "exclusions": []}
    label.update(over)
    return label


def test_perfect_document_scores_one(tmp_path):
    (tmp_path / "rivermark.txt").write_text(SLA, encoding="utf-8")
    (tmp_path / "rivermark.json").write_text(json.dumps(_label()), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for field, c in data["overall"].items():
        assert c["accuracy"] == 1.0, (field, data["documents"][0]["mismatches"])


def test_wrong_label_shows_as_misses(tmp_path):
    (tmp_path / "rivermark.txt").write_text(SLA, encoding="utf-8")
    label = _label(claim_window_days=60, exclusions=["force_majeure"])
    (tmp_path / "rivermark.json").write_text(json.dumps(label), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(tmp_path), "-v"])
    assert result.exit_code == 0
    assert "claim_window_days: got 30 want 60" in result.stdout
    assert "exclusions" in result.stdout and "prec" in result.stdout and "recall" in result.stdout


def test_a_broken_label_or_document_is_a_row_error_and_exit_1(tmp_path):
    (tmp_path / "rivermark.txt").write_text(SLA, encoding="utf-8")
    (tmp_path / "rivermark.json").write_text(json.dumps(_label()), encoding="utf-8")
    (tmp_path / "halfwritten.txt").write_text(SLA, encoding="utf-8")
    (tmp_path / "halfwritten.json").write_text('{"id": "halfwritten", "commitments": [', encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "empty.json").write_text(json.dumps(_label(id="empty")), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "halfwritten.json: the label is not a readable JSON object" in result.stdout
    assert "2 document(s) could not be read" in result.stdout
    # the readable document is still scored
    data = json.loads(runner.invoke(app, ["evaluate", str(tmp_path), "-f", "json"]).stdout)
    assert data["overall"]["claim_window_days"]["accuracy"] == 1.0


def test_folder_without_labels_is_an_error(tmp_path):
    result = runner.invoke(app, ["evaluate", str(tmp_path)])
    assert result.exit_code == 3
    assert "no labelled documents" in result.stderr


def test_scoring_counts_tiers_as_multisets():
    gold = gold_values(_label())
    pred = dict(gold)
    from collections import Counter

    pred["credit_tiers"] = Counter({(99.0, 99.9, 10.0): 1, (0.0, 99.0, 25.0): 1})
    counts, notes = score(pred, gold)
    c: Counts = counts["credit_tiers"]
    assert (c.tp, c.fp, c.fn) == (1, 1, 1)
    assert c.precision == 0.5 and c.recall == 0.5
    assert any(n.startswith("credit_tiers") for n in notes)
