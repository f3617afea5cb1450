"""The form a credit takes: service_credit | voucher | refund | fee_reduction.

Only affirmed mentions in credit context count ("never refunded" is no refund); the most
specific form found wins, because "Service Credits" is what most SLAs call the thing
whatever its form."""

from __future__ import annotations

import re

from .context import Context

FIELDS = ("credit_form", "credit_form_evidence")
PRIORITY = ("voucher", "refund", "fee_reduction", "service_credit")
# The form words must stand beside the credit itself: "a refund of prepaid fees on
# termination" is not the form of a service credit.
_CREDIT_NOUN = re.compile(r"credit|赔偿|补偿|赔付|代金券", re.I)


_TO_ACCOUNT = re.compile(r"账户余额|余额|account balance|account credit|credit balance", re.I)


def extract(ctx: Context) -> dict:
    counts: dict[str, list] = {form: [] for form in PRIORITY}
    for unit in ctx.credit_units():
        if unit.has("example"):
            continue
        for form in PRIORITY:
            for cue in unit.spans(f"form_{form}"):
                # only "refund" is ambiguous: the other forms name the credit themselves
                rest = unit.norm[:cue.start] + unit.norm[cue.end:] if form == "refund" else unit.norm
                beside_credit = form != "refund" or _CREDIT_NOUN.search(rest) \
                    or "claim" in unit.heading_cues or "credit" in unit.heading_cues
                if form == "refund" and _TO_ACCOUNT.search(unit.norm[cue.end:cue.end + 30]):
                    continue  # "返还至用户的账户余额", "refunded to your account balance": a credit
                if not unit.negated(cue) and beside_credit:
                    counts[form].append(unit)
                    break
    for form in PRIORITY:
        if counts[form]:
            return {"credit_form": form,
                    "credit_form_evidence": counts[form][0].evidence(f"credit form: {form} wording")}
    return {"credit_form": None, "credit_form_evidence": None}
