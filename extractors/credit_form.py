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


_GENERIC = re.compile(r"service credits?", re.I)
# "用户以代金券、赠送额度抵减的部分不计入" / "amounts paid with promotional credits": how the
# customer paid the fee, not how the provider pays a credit
_PAID_WITH = re.compile(r"(?:用户|客户|您|甲方)(?:以|用|使用|通过)\s*$|\bpaid (?:with|by|using|through) (?:[\w-]+ ){0,2}$", re.I)
_TO_ACCOUNT = re.compile(r"账户余额|余额|account balance|account credit|credit balance", re.I)


def extract(ctx: Context) -> dict:
    counts: dict[str, list] = {form: [] for form in PRIORITY}
    generic_only: list = []
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
                if _PAID_WITH.search(unit.norm[max(0, cue.start - 30):cue.start]):
                    continue
                if not unit.negated(cue) and beside_credit:
                    # ("Service Credits" is what most SLAs call the thing whatever its form: it
                    # names the form only where nothing more specific is said)
                    generic = form == "service_credit" and _GENERIC.fullmatch(unit.norm[cue.start:cue.end])
                    (generic_only if generic else counts[form]).append(unit)
                    break
    # the form the document speaks of most often; on a tie, the most specific one
    found = [form for form in PRIORITY if counts[form]]
    if not found and generic_only:
        counts["service_credit"], found = generic_only, ["service_credit"]
    if not found:
        return {"credit_form": None, "credit_form_evidence": None}
    form = max(found, key=lambda f: (len(counts[f]), -PRIORITY.index(f)))
    return {"credit_form": form, "credit_form_evidence": counts[form][0].evidence(f"credit form: {form} wording")}
