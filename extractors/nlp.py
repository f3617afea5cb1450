"""spaCy pipelines built in code (no downloaded model) and the cue matcher fed from
knowledge/. One pipeline per language, loaded lazily, once per process."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from slacheck.knowledge import lexicon

# Cue categories matched as phrases; the prefix keeps taxonomies apart in one matcher.
CUE_FILES = (
    "availability", "commitment", "not_availability", "example", "credit", "cap", "claim",
    "period_annual", "period_quarterly", "period_monthly", "form_voucher", "form_refund",
    "form_fee_reduction", "form_service_credit", "negation", "sole_remedy",
    "measured_provider", "measured_customer", "exclusion_context", "downtime",
)
SENTENCE_ENDS = [".", "!", "?", "。", "！", "？", "；", ";"]


@dataclass(frozen=True)
class Cue:
    label: str  # e.g. "availability", "excl:force_majeure", "scope:multi-zone"
    start: int  # character offsets in the matched text
    end: int


class Tagger:
    """Sentence splitting and cue matching for one language."""

    def __init__(self, language: str) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher

        self.language = language
        self.lex = lexicon.load(language)
        if language == "zh":
            import jieba

            jieba.setLogLevel(logging.WARNING)
            self._teach_jieba(jieba)
            self.nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        else:
            self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_ENDS})
        attr = "LOWER" if language == "en" else "ORTH"
        self.matcher = PhraseMatcher(self.nlp.vocab, attr=attr)
        for label, phrases in self._cue_phrases().items():
            self.matcher.add(label, [self.nlp.make_doc(p) for p in phrases])

    def _cue_phrases(self) -> dict[str, list[str]]:
        cues = {name: self.lex.phrases.get(name, []) for name in CUE_FILES}
        for cat, phrases in self.lex.exclusions.items():
            cues[f"excl:{cat}"] = phrases
        scopes: dict[str, list[str]] = {}
        for phrase, scope in self.lex.scopes.items():
            scopes.setdefault(f"scope:{scope}", []).append(phrase)
        cues.update(scopes)
        return cues

    def _teach_jieba(self, jieba) -> None:
        # Keep every lexicon phrase one token, so phrase matches align with token bounds.
        phrases = [p for ps in self._cue_phrases().values() for p in ps]
        phrases += [p for p, _ in self.lex.comparisons]
        for p in phrases:
            if len(p) > 1 and not p.isascii():
                jieba.add_word(p, freq=200000)

    def sentences(self, text: str) -> list[tuple[int, int]]:
        doc = self.nlp(text)
        return [(s.start_char, s.end_char) for s in doc.sents]

    def cues(self, text: str) -> list[Cue]:
        doc = self.nlp.make_doc(text)
        out = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            out.append(Cue(self.nlp.vocab.strings[match_id], span.start_char, span.end_char))
        return out


@lru_cache(maxsize=2)
def tagger(language: str) -> Tagger:
    return Tagger(language)
