"""The cap on credits: a percentage of the fee, or "one month's fees" (= 100)."""

from __future__ import annotations

import re

from .commitments import FLOOR
from .context import Context
from .quantities import bounds

FIELDS = ("credit_cap_percent", "credit_cap_evidence")
_WHOLE_FEE = re.compile(
    r"the (?:applicable )?(?:total )?(?:monthly )?(?:service )?fees? (?:paid|payable|due|charged|for (?:that|the|this|such) )|(?:one|1|a single)\s+month'?s?\s+(?:of\s+)?(?:service\s+)?(?:fees?|charges?)|the monthly fee(?:s)? (?:paid|payable)|the (?:total )?amount (?:you were |you |customer was )?(?:billed|charged|paid)|"
    r"total (?:monthly )?fees? (?:paid|payable)|当月(?:的)?(?:月度)?服务费(?:用)?(?!的\s*\d)|月度服务费(?:用)?总额|"
    r"当月实际支付|(?:当月|该月|本月|月度)[^。；,，%]{0,10}?(?:服务费用?|费用)(?!的\s*\d)|服务费用?为限|(?<!的)月度服务费(?:用)?(?=[。；,，]|$)|100%", re.I)

# "The aggregate maximum number of Service Credits that X will issue ... is fifty percent"
_WIDE = re.compile(r"maximum|aggregate|in no event|under no circumstances|in no case|上限|最高", re.I)
_BAND_WORDS = re.compile(r"\s*(?:\(?but|and including|\(?and not|not including)", re.I)
# limits on other money: price rises, interest, late fees, liability
_NOT_CREDITS = re.compile(r"上调|涨价|调价|价格调整|滞纳金|违约金|利息|price (?:increase|rise)|\bincrease[sd]?\b|"
                          r"\binterest\b|late (?:payment|fee)|\bliabilit", re.I)
_SUFFIX_CAP = re.compile(r"为上限|为限|封顶|上限")


_CREDITS_LIMITED = re.compile(r"^(?!.*liabilit)(?!.*责任).*(?:service credits?|fee reductions?|赔偿|代金券).{0,80}"
                              r"(?:exceed|more than|maximum|capped|limited to|不超过|不得超过|上限|为限|最高)", re.I)


_FEE_NOUN = re.compile(r"\b(?:fees?|charges?|bill|invoice|subscription|what (?:you|customer) paid|amount paid)\b|"
                       r"服务费|费用|账单|月费|订阅费|租用费|端口费|年费|使用费", re.I)


def _whole_fee_after(text: str, end: int, bs, reach: int = 70) -> bool:
    """A limit word followed, before any figure, by the fee itself."""
    if len(text.split()) < 6 and len(text) < 16:
        return False  # a heading ("Maximum Fee Reduction")
    window = text[end:end + reach]
    nearest = min((b.start for b in bs if b.start >= end), default=None)
    if nearest is not None and nearest - end < reach:
        window = text[end:nearest]
    m = _FEE_NOUN.search(window)
    return bool(m) and not re.search(r"\d", window) and not re.match(r"\s*(?:reduction|credit)", window[m.end():], re.I)


def _fraction_after(text: str, caps, fractions: dict[str, float], reach: int = 60) -> float | None:
    """A fraction of the fee after a limit word, before any figure ("no more than half of the
    monthly fee", "不超过当月费用的四分之一")."""
    for c in caps:
        window = text[c.end:c.end + reach]
        window = window[:m.start()] if (m := re.search(r"\d", window)) else window
        hits = [w for w in fractions if re.search(
            (r"(?<![\w-])" + re.escape(w) + r"(?![\w-])") if w.isascii() else re.escape(w), window, re.I)]
        if hits and _FEE_NOUN.search(text[c.end:c.end + reach + 20]):
            # one share named (perhaps twice: "one half" holds "half"), or else the longest phrase
            return fractions[hits[0]] if len({fractions[w] for w in hits}) == 1 else fractions[max(hits, key=len)]
    return None


def _row_names_cap(unit) -> bool:
    """The limit word in a cell before the first figure of the row ("All deployments |
    Maximum Service Credit for one billing month | 50%")."""
    cells = unit.cells or []
    first_figure = next((k for k, c in enumerate(cells) if "%" in c or "％" in c), len(cells))
    end_of_labels = len(" | ".join(c for c in cells[:first_figure] if c))
    return first_figure > 0 and any(c.end <= end_of_labels + 1 for c in unit.spans("cap"))


def extract(ctx: Context) -> dict:
    best = None
    inside = {id(u) for u in ctx.sla_units}
    for unit in ctx.units:
        if id(unit) not in inside and not _CREDITS_LIMITED.search(unit.norm):
            continue  # outside the SLA part only "Service Credits shall not exceed ...", no liability cap
        if unit.has("example") or not unit.has("cap"):
            continue
        if unit.cells is not None and not _row_names_cap(unit):
            continue  # a table row counts only as "Maximum credit | 50% of the monthly fee"
        # (a fee reduction or voucher is a credit too: "减免总额不超过…的50%")
        if not (unit.has("credit") or unit.labels("form_") or "credit" in unit.heading_cues):
            continue
        other = _NOT_CREDITS.search(unit.norm)
        if other and not (other.group(0).lower().startswith("liabilit") and re.search(r"credit", unit.norm, re.I)):
            continue  # a price rise or a liability cap (unless it is the liability for credits)
        # ("from 99.50% up to but excluding 99.75%" is a band, not a limit)
        caps = [c for c in unit.spans("cap") if not _BAND_WORDS.match(unit.norm, c.end)]
        if not caps:
            continue
        bs = [b for b in bounds(unit.norm, ctx.language) if b.value < FLOOR or b.value == 100]
        after = [b for b in bs if any(0 <= b.start - c.end <= (120 if _WIDE.match(unit.norm[c.start:c.end]) else 60)
                                      for c in caps)]
        # "以当月服务费的30%为上限": the limit word after the figure
        before = [b for b in bs if any(0 <= c.start - b.end <= 3 and _SUFFIX_CAP.match(unit.norm, c.start)
                                       for c in caps)]
        value = None
        if after or before:
            value = (after or before)[0].value
        elif (share := _fraction_after(unit.norm, caps, ctx.tagger.lex.fractions)) is not None:
            value = share  # "合计不超过该服务月月度订阅费的一半"
        elif any(_whole_fee_after(unit.norm, c.end, bs, 130 if _WIDE.match(unit.norm[c.start:c.end]) else 70)
                 for c in caps):
            value = 100.0  # "shall not exceed the Monthly Fee", "capped at a full month's fees"
        elif _WHOLE_FEE.search(unit.norm) and any(0 <= _WHOLE_FEE.search(unit.norm).start() - c.end <= 40
                                                  or 0 <= c.start - _WHOLE_FEE.search(unit.norm).end() <= 20
                                                  for c in caps):
            value = 100.0
        if value is None:
            continue
        score = 2 if any(w in unit.norm.lower() for w in ("total", "aggregate", "any month", "in no event",
                                                          "总额", "累计", "合计", "maximum")) else 1
        if best is None or score > best[0]:
            best = (score, value, unit.evidence("cap: limit word + percentage of fee"))
    if best is None:
        return {"credit_cap_percent": None, "credit_cap_evidence": None}
    return {"credit_cap_percent": best[1], "credit_cap_evidence": best[2]}
