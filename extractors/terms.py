"""Other terms that shift risk: unilateral changes, prorated credits, minimum credit
amounts, and the base a credit is computed on."""

from __future__ import annotations

import re

from .context import Context
from .model import Flag

FIELDS = ("flags", "minimum_credit", "credit_base")
_UNILATERAL = re.compile(
    r"(?:may|reserves? the right to|can)\s+(?:\w+\s+){0,3}(?:modify|amend|change|update|revise)\s+(?:\w+\s+){0,4}"
    r"(?:SLA|Service Level|agreement|this document|terms)|"
    r"有权(?:随时)?(?:修改|变更|调整|更新)(?:本协议|本服务等级协议|SLA|服务等级)?", re.I)
_PRORATED = re.compile(r"pro[- ]?rat|proportion|按比例|比例折算|按受影响.{0,8}比例|按天折算", re.I)
_MINIMUM = re.compile(r"(?:credits?|reductions?|amounts?|赔偿|代金券|补偿)[^。.;；]{0,60}(?:less than|under|below|不足|低于)\s*"
                      r"(?:\$|US\$|USD\s*|¥|￥|RMB\s*|人民币)?\s*\d+(?:\.\d+)?\s*(?:元|dollars?|USD)?"
                      r"[^。.;；]{0,40}(?:not be issued|will not be|not issued|no credit|不予|不发放|不再)", re.I)
_BASES = [
    ("affected_service", re.compile(r"affected (?:service|resource|instance|product)|受影响(?:的)?(?:服务|实例|资源|产品)", re.I)),
    ("whole_bill", re.compile(r"total (?:monthly )?(?:bill|invoice)|entire (?:bill|invoice)|全部账单|总账单", re.I)),
]


def extract(ctx: Context) -> dict:
    flags: list[Flag] = []
    unilateral = next((u for u in ctx.units if _UNILATERAL.search(u.norm)), None)
    flags.append(Flag("unilateral_changes", unilateral is not None,
                      unilateral.evidence("provider may change the terms") if unilateral else None))
    prorated = next((u for u in ctx.credit_units() if _PRORATED.search(u.norm)), None)
    flags.append(Flag("prorated_credits", prorated is not None,
                      prorated.evidence("prorated credit wording") if prorated else None))
    minimum = next((u for u in ctx.units if _MINIMUM.search(u.norm)), None)
    base = None
    for u in ctx.credit_units():
        for name, pattern in _BASES:
            if pattern.search(u.norm):
                base = name
                break
        if base:
            break
    return {"flags": flags, "minimum_credit": minimum.evidence("minimum credit amount") if minimum else None,
            "credit_base": base}
