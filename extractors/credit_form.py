"""The form a credit takes: service_credit | voucher | refund | fee_reduction.

Only affirmed mentions in credit context count ("never refunded" is no refund); the most
specific form found wins, because "Service Credits" is what most SLAs call the thing
whatever its form."""

from __future__ import annotations

from .context import Context

FIELDS = ("credit_form", "credit_form_evidence")
PRIORITY = ("voucher", "refund", "fee_reduction", "service_credit")


def extract(ctx: Context) -> dict:
    counts: dict[str, list] = {form: [] for form in PRIORITY}
    for unit in ctx.credit_units():
        if unit.has("example"):
            continue
        for form in PRIORITY:
            for cue in unit.spans(f"form_{form}"):
                if not unit.negated(cue):
                    counts[form].append(unit)
                    break
    for form in PRIORITY:
        if counts[form]:
            return {"credit_form": form,
                    "credit_form_evidence": counts[form][0].evidence(f"credit form: {form} wording")}
    return {"credit_form": None, "credit_form_evidence": None}
