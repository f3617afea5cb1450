"""Report strings in English and Chinese; the report follows the document's language
unless --lang says otherwise."""

from __future__ import annotations

STRINGS = {
    "en": {
        "provider": "Provider", "language": "Language", "pages": "Pages", "unknown": "not found",
        "commitments": "Availability commitments", "none_found": "none found",
        "tiers": "Credit schedule", "uptime": "Monthly uptime", "credit": "Credit",
        "scope": "Scope", "period": "Period", "page": "p.",
        "duration_credits": "Credits per unit of downtime",
        "cap": "Credit cap", "no_cap": "no cap stated", "claim": "Claim window",
        "no_claim": "no claim window stated", "business": "business days", "calendar": "days",
        "requirements": "A claim must include", "form": "Credit form", "sole": "Sole remedy",
        "yes": "yes", "no": "no", "downtime": "Downtime counted", "interval": "interval",
        "minimum": "minimum outage", "measured": "measured by", "maintenance": "Scheduled maintenance",
        "notice": "notice", "max": "at most", "exclusions": "Exclusions", "risks": "Risks",
        "no_risks": "no risks found by the rules", "why": "Why", "advice": "Advice", "ask": "Ask",
        "pattern": "pattern", "catch_all": "catch-all", "warnings": "Warnings",
        "at_least": "at least", "below": "below", "hours": "h", "minutes": "min",
        "per": "per", "of_fee": "of the fee", "terms": "Terms",
        "period_monthly": "monthly", "period_annual": "per year", "period_quarterly": "per quarter",
    },
    "zh": {
        "provider": "服务商", "language": "语言", "pages": "页数", "unknown": "未找到",
        "commitments": "可用性承诺", "none_found": "未找到",
        "tiers": "赔偿标准", "uptime": "月度可用性", "credit": "赔偿比例",
        "scope": "范围", "period": "周期", "page": "第", 
        "duration_credits": "按不可用时长赔偿",
        "cap": "赔偿上限", "no_cap": "未规定上限", "claim": "申请期限",
        "no_claim": "未规定申请期限", "business": "个工作日", "calendar": "天",
        "requirements": "申请须包含", "form": "赔偿形式", "sole": "唯一补救",
        "yes": "是", "no": "否", "downtime": "不可用的计算", "interval": "统计粒度",
        "minimum": "最短计入时长", "measured": "计量方", "maintenance": "计划内维护",
        "notice": "提前通知", "max": "最长", "exclusions": "免责范围", "risks": "风险",
        "no_risks": "规则未发现风险", "why": "原因", "advice": "建议", "ask": "询问服务商",
        "pattern": "匹配规则", "catch_all": "兜底条款", "warnings": "警告",
        "at_least": "不低于", "below": "低于", "hours": "小时", "minutes": "分钟",
        "per": "每", "of_fee": "服务费", "terms": "条款",
        "period_monthly": "每月", "period_annual": "每年", "period_quarterly": "每季度",
    },
}

FORMS = {
    "en": {"service_credit": "service credit against future bills", "voucher": "voucher",
           "refund": "refund", "fee_reduction": "fee reduction", None: "not stated"},
    "zh": {"service_credit": "抵扣后续账单", "voucher": "代金券", "refund": "退款",
           "fee_reduction": "费用减免", None: "未说明"},
}

CATEGORIES = {
    "en": {"force_majeure": "force majeure", "customer_fault": "customer fault",
           "third_party": "third-party software or services", "scheduled_maintenance": "scheduled maintenance",
           "suspension": "suspension", "beta_preview": "beta, preview or free tiers",
           "outside_network": "networks outside the provider", "security_attack": "attacks (DDoS, hacking)",
           "customer_configuration": "customer configuration", "legal_regulatory": "legal or regulatory",
           "other": "other / catch-all"},
    "zh": {"force_majeure": "不可抗力", "customer_fault": "用户原因", "third_party": "第三方软件或服务",
           "scheduled_maintenance": "计划内维护", "suspension": "暂停或欠费停机", "beta_preview": "公测、试用或免费",
           "outside_network": "服务商以外的网络", "security_attack": "攻击（DDoS、黑客）",
           "customer_configuration": "用户配置", "legal_regulatory": "法律法规或政府", "other": "其他 / 兜底"},
}

SEVERITY_GLYPH = {"high": "✖", "medium": "▲", "low": "●", "info": "ℹ"}
SEVERITY_WORD = {"en": {"high": "HIGH", "medium": "MEDIUM", "low": "LOW", "info": "INFO"},
                 "zh": {"high": "高", "medium": "中", "low": "低", "info": "提示"}}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}


def strings(lang: str) -> dict[str, str]:
    return STRINGS.get(lang, STRINGS["en"])
