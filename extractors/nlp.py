"""spaCy pipelines built in code (no downloaded model) and the cue matcher fed from
knowledge/. One pipeline per language, loaded lazily, once per process."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from slacheck.knowledge import lexicon

# Cue categories matched as phrases; the prefix keeps taxonomies apart in one matcher.
CUE_FILES = (
    "availability", "commitment", "not_availability", "example", "credit", "cap", "claim",
    "period_annual", "period_quarterly", "period_monthly", "form_voucher", "form_refund",
    "form_fee_reduction", "form_service_credit", "negation", "sole_remedy",
    "measured_provider", "measured_customer", "measured_third_party", "measured_conclusive",
    "exclusion_context", "downtime", "not_a_cue",
)
# cues that qualify a longer one around them rather than compete with it (以监控数据为准)
_NESTED_OK = {"measured_conclusive"}
SENTENCE_ENDS = [".", "!", "?", "。", "！", "？", "；", ";"]


@dataclass(frozen=True, slots=True)  # slots: a long document has a cue list per sentence
class Cue:
    label: str  # e.g. "availability", "excl:force_majeure", "scope:multi-zone"
    start: int  # character offsets in the matched text
    end: int


_DIGIT = re.compile(r"\d")
TAUGHT_WORDS = 20000  # words remembered as already taught to the tokenizer (a bound, not a goal)


def _numbers_forgotten(method):
    """Run a Tagger method on a text with digits in a spaCy memory zone (spaCy 3.8 on).

    spaCy keeps every string and word type it has seen for the life of the process, and
    the numbers of a long document (clause numbers, amounts, dates) are new ones all the
    way through: a 500-page agreement grows the vocabulary by some 5 MB. In a memory zone
    what a text adds is dropped when the call returns. Inside a zone the tokenizer caches
    nothing, so the text's words without digits are first tokenized outside it (once
    each), and the zone call finds them in the cache. English only: the Chinese tokenizer
    has no cache and would rebuild its words on every call. The methods return offsets and
    labels, never spaCy objects, and tokenizing is the same in or out of a zone."""
    from functools import wraps

    @wraps(method)
    def run(self, text):
        if self._zone is None or not _DIGIT.search(text):
            return method(self, text)
        words = {w for w in text.split() if w not in self._taught and not _DIGIT.search(w)}
        if words:
            if len(self._taught) > TAUGHT_WORDS:
                self._taught.clear()
            self._taught |= words
            self.nlp.tokenizer(" ".join(words))
        with self._zone():
            return method(self, text)

    return run


GAP = "…"  # in a lexicon phrase: a few words may stand here ("independent … monitoring")


class Tagger:
    """Sentence splitting and cue matching for one language."""

    def __init__(self, language: str) -> None:
        spacy = import_spacy()
        from spacy.matcher import PhraseMatcher

        self.language = language
        self.lex = lexicon.load(language)
        if language == "zh":
            # Built with the character segmenter, then given slacheck's own jieba tokenizer
            # (jieba's dictionary plus the lexicon's words, read as texts need it): spaCy's
            # jieba segmenter would load jieba's whole global dictionary first.
            self.nlp = spacy.blank("zh")
            tokenizer = self.nlp.tokenizer
            tokenizer.jieba_seg = jieba_tokenizer(self._jieba_words())
            tokenizer.segmenter = "jieba"
        else:
            self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_ENDS})
        self._zone = getattr(self.nlp, "memory_zone", None) if language == "en" else None  # _numbers_forgotten
        self._taught: set[str] = set()
        attr = "LOWER" if language == "en" else "ORTH"
        self.matcher = PhraseMatcher(self.nlp.vocab, attr=attr)
        # Chinese: multi-character cues are matched character by character, so that a longer
        # word in jieba's own dictionary (政府部门, 操作不当) cannot hide a cue inside it (政府,
        # 操作); a one-character cue (不, 无, 非) only as a word of its own, so 不当 is no 不.
        self.char_matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH") if language == "zh" else None
        self.owned_matcher = self._owned_matcher()
        cue_phrases = self._cue_phrases()
        self.gap_matcher = self._gap_matcher(cue_phrases)
        for label, phrases in cue_phrases.items():
            phrases = [p for p in phrases if GAP not in p]
            if self.char_matcher is None:
                self.matcher.add(label, [self.nlp.make_doc(p) for p in _with_plurals(phrases)])
                continue
            words = [p for p in phrases if len(p) == 1]
            if words:
                self.matcher.add(label, [self.nlp.make_doc(p) for p in words])
            self.char_matcher.add(label, [self._chars(p) for p in phrases if len(p) > 1])

    def _owned_matcher(self):
        """ "Customer's workloads or code", "your own firewall settings", "用户自行部署的应用程序":
        an owner word on the customer's side, at most two words, a noun of the category."""
        from spacy.matcher import Matcher

        matcher = Matcher(self.nlp.vocab)
        attr = "LOWER" if self.language == "en" else "ORTH"
        gap = {"IS_ALPHA": True, "OP": "{0,2}"} if self.language == "en" else {"IS_PUNCT": False, "OP": "{0,4}"}
        for category, nouns in self.lex.owned.items():
            matcher.add(f"excl:{category}", [[{attr: {"IN": self.lex.owners}},
                                              {"ORTH": {"IN": ["'s", "’s", "'"]}, "OP": "?"}, gap,
                                              {attr: {"IN": nouns}}]])
        return matcher

    def _gap_matcher(self, cue_phrases: dict[str, list[str]]):
        """ "independent … monitoring": a lexicon phrase with a gap matches its two ends with a
        few words between them in the same clause ("an independent, commercially available
        website monitoring service"); Chinese ends are matched character by character."""
        from spacy.matcher import Matcher

        matcher = Matcher(self.nlp.vocab)
        stops = [".", ";", ":", "。", "；", "：", "，", ","] if self.language == "zh" else [".", ";", ":"]
        gap = {"ORTH": {"NOT_IN": stops}, "OP": "{0,10}" if self.language == "zh" else "{0,5}"}
        for label, phrases in cue_phrases.items():
            patterns = []
            for p in phrases:
                if GAP not in p:
                    continue
                left, right = (x.strip() for x in p.split(GAP, 1))
                if self.language == "zh":
                    ends = [[{"ORTH": ch} for ch in left], [{"ORTH": ch} for ch in right]]
                else:
                    ends = [[{"LOWER": w.lower()} for w in left.split()], [{"LOWER": w.lower()} for w in right.split()]]
                patterns.append(ends[0] + [gap] + ends[1])
            if patterns:
                matcher.add(label, patterns)
        return matcher

    def _cue_phrases(self) -> dict[str, list[str]]:
        cues = {name: self.lex.phrases.get(name, []) for name in CUE_FILES}
        for cat, phrases in self.lex.exclusions.items():
            cues[f"excl:{cat}"] = phrases
        scopes: dict[str, list[str]] = {}
        for phrase, scope in self.lex.scopes.items():
            scopes.setdefault(f"scope:{scope}", []).append(phrase)
        cues.update(scopes)
        return cues

    def _jieba_words(self) -> list[str]:
        # Keep every lexicon phrase one token, so phrase matches align with token bounds.
        phrases = [p for ps in self._cue_phrases().values() for p in ps]
        phrases += [p for p, _ in self.lex.comparisons]
        return [p for p in phrases if len(p) > 1 and not p.isascii()]

    @_numbers_forgotten
    def sentences(self, text: str) -> list[tuple[int, int]]:
        doc = self.nlp(text)
        return [(s.start_char, s.end_char) for s in doc.sents]

    def _chars(self, text: str):
        from spacy.tokens import Doc

        chars = list(text)
        return Doc(self.nlp.vocab, words=chars, spaces=[False] * len(chars))

    @_numbers_forgotten
    def cues(self, text: str) -> list[Cue]:
        doc = self.nlp.make_doc(text)
        matches = [(doc, m) for m in self.matcher(doc)] + [(doc, m) for m in self.owned_matcher(doc)]
        if self.char_matcher is not None:
            chars = self._chars(text)
            matches += [(chars, m) for m in self.char_matcher(chars)]
        gapped = [(chars if self.char_matcher is not None else doc, m)
                  for m in self.gap_matcher(chars if self.char_matcher is not None else doc)]
        out = []
        for d, (match_id, start, end) in matches:
            span = d[start:end]
            out.append(Cue(self.nlp.vocab.strings[match_id], span.start_char, span.end_char))
        if self.char_matcher is not None:
            # the longest cue wins: 停机维护 is maintenance, not 停机 (suspension) plus 维护
            out = _drop_nested(out, out, lambda c: c.label not in _NESTED_OK)
            out.sort(key=lambda c: (c.start, c.end))
            out = [c for c in out if c.label != "not_a_cue"]  # it only hid the cues inside it
        else:
            # a plan or deployment named by a longer phrase is that one: "multi-region" is not
            # also "region"
            scopes = [c for c in out if c.label.startswith("scope:")]
            out = _drop_nested(out, scopes, lambda c: c.label.startswith("scope:"))
        # (a gapped cue spans other words: it hides none of the cues inside it)
        for d, (match_id, start, end) in gapped:
            span = d[start:end]
            out.append(Cue(self.nlp.vocab.strings[match_id], span.start_char, span.end_char))
        return out


def _drop_nested(cues: list[Cue], among: list[Cue], applies) -> list[Cue]:
    """The longest cue wins: drop each cue that ``applies`` to and that lies inside a longer
    one of ``among``."""
    return [c for c in cues if not applies(c) or not any(
        o.start <= c.start and c.end <= o.end and o.end - o.start > c.end - c.start for o in among)]


def _with_plurals(phrases: list[str]) -> list[str]:
    """English phrases also in the plural of their last word ("promotional credit" ->
    "promotional credits"): a blank pipeline has no lemmatiser to match them otherwise."""
    out = list(phrases)
    known = set(phrases)
    for p in phrases:
        if not p[-1:].isalpha() or p.endswith("s"):
            continue
        plural = p[:-1] + "ies" if p.endswith("y") and p[-2:-1] not in "aeiou" else p + "s"
        if plural not in known:
            known.add(plural)
            out.append(plural)
    return out


@lru_cache(maxsize=2)
def tagger(language: str) -> Tagger:
    return Tagger(language)


# -- spaCy without its command line ------------------------------------------------------


def import_spacy():
    """spaCy, imported without its command line. ``spacy/__init__`` imports ``spacy.cli``
    only to offer ``spacy.info``, and that package (typer commands, HTTP clients, Jinja
    templates, project tooling) is over a third of spaCy's import time; slacheck never runs
    it. While spaCy imports, a stand-in answers for it whose ``info`` imports the real
    function when called; afterwards the stand-in is gone, so ``import spacy.cli`` still
    gives the real package. Should a spaCy version want more from ``spacy.cli``, spaCy is
    imported the ordinary way."""
    import sys
    import types

    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []
    info = types.ModuleType("spacy.cli.info")
    info.info = _spacy_info
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, info
    try:
        import spacy
    except ImportError:
        spacy = None
    finally:
        for name, stub in (("spacy.cli", cli), ("spacy.cli.info", info)):
            if sys.modules.get(name) is stub:
                del sys.modules[name]
    if spacy is None:  # the stand-in was not enough: the ordinary import
        import spacy
    elif getattr(spacy, "cli", None) is cli:
        del spacy.cli
    return spacy


def _spacy_info(*args, **kwargs):
    from spacy.cli.info import info

    return info(*args, **kwargs)


# -- jieba, its dictionary read by the character -------------------------------------------
# jieba keeps its dictionary as one dict of every word and word prefix (about 580,000
# entries); unmarshalling it from jieba's cache takes most of a second, and teaching it the
# lexicon's words a little more: more than a cold review of a page costs otherwise. Here
# the dictionary after the lexicon's words are added (the same entries, the same total) is
# prepared once and stored in slacheck's cache folder in buckets by first character; a
# tokenizer loads the buckets of the characters of each text before cutting it. jieba only
# ever looks up substrings of the text it cuts, so it sees the same entries as with the
# whole dictionary and cuts the same words.

JIEBA_WORD_FREQ = 200000  # frequency given to the lexicon's words: one token each
_STORE_MAGIC = b"slacheck-jieba-prefix-dict-3\n"


def _import_jieba():
    """jieba, imported without pkg_resources: jieba imports it only to open its own data
    files and falls back to ``open`` without it, and importing it costs a tenth of a second."""
    import sys

    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # makes ``import pkg_resources`` fail
        try:
            import jieba
        finally:
            if "pkg_resources" in sys.modules and sys.modules["pkg_resources"] is None:
                del sys.modules["pkg_resources"]
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def jieba_tokenizer(words: list[str]):
    """A jieba tokenizer over jieba's dictionary plus ``words``: lazily loaded from the
    prepared dictionary in the cache folder, which is written on first use. Where that
    folder cannot be written, a tokenizer with the whole dictionary in memory."""
    import hashlib
    import os
    import sys

    from slacheck.paths import cache_root

    jieba = _import_jieba()
    dict_file = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    try:
        st = os.stat(dict_file)
        stamp = f"{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        stamp = "?"
    digest = hashlib.sha256(_STORE_MAGIC)
    digest.update(f"{jieba.__version__}\0{stamp}\0{sys.version_info[:2]}\0{JIEBA_WORD_FREQ}\0".encode())
    digest.update("\n".join(words).encode("utf-8"))
    path = cache_root() / "jieba" / f"{digest.hexdigest()[:32]}.dict"
    store = _PrefixStore.open(path)
    if store is not None:
        return _lazy_tokenizer_class(jieba)(store)
    full = jieba.Tokenizer()
    full.initialize()
    for word in words:
        full.add_word(word, freq=JIEBA_WORD_FREQ)
    _PrefixStore.write(path, full.FREQ, full.total)
    return full


class _PrefixStore:
    """jieba's prefix dictionary in one file: a header (the total; the first characters, in
    bucket order; the buckets' end offsets), then each bucket as a marshalled dict."""

    def __init__(self, data, total: int, index: dict[str, int], ends, base: int) -> None:
        self.data = data
        self.total = total
        self.index = index  # first character -> bucket number
        self.ends = ends  # bucket k spans ends[k - 1] (or 0) to ends[k], from base
        self.base = base

    @classmethod
    def open(cls, path) -> "_PrefixStore | None":
        import marshal
        import mmap
        from array import array

        try:
            with open(path, "rb") as fh:
                data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            start = len(_STORE_MAGIC) + 8
            if data[:len(_STORE_MAGIC)] != _STORE_MAGIC:
                return None
            size = int.from_bytes(data[len(_STORE_MAGIC):start], "little")
            total, chars, raw_ends = marshal.loads(data[start:start + size])
            ends = array("q")
            ends.frombytes(raw_ends)
            base = start + size
            if len(ends) != len(chars) or (base + ends[-1] if ends else base) != len(data):
                return None  # cut short while written: prepared again
            return cls(data, total, {ch: k for k, ch in enumerate(chars)}, ends, base)
        except (OSError, ValueError, EOFError, TypeError):
            return None

    @staticmethod
    def write(path, freq: dict[str, int], total: int) -> None:
        import marshal
        import os
        from array import array

        buckets: dict[str, dict[str, int]] = {}
        for word, n in freq.items():
            buckets.setdefault(word[0], {})[word] = n
        blobs = [marshal.dumps(b) for b in buckets.values()]
        ends, offset = array("q"), 0
        for blob in blobs:
            offset += len(blob)
            ends.append(offset)
        header = marshal.dumps((total, "".join(buckets), ends.tobytes()))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                fh.write(_STORE_MAGIC + len(header).to_bytes(8, "little") + header)
                for blob in blobs:
                    fh.write(blob)
            os.replace(tmp, path)
            # one file per lexicon version: keep the few most recent
            older = sorted(path.parent.glob("*.dict"), key=lambda p: p.stat().st_mtime, reverse=True)[4:]
            for stale in older:
                stale.unlink()
        except OSError:
            pass  # a read-only or full cache folder only costs speed

    def load(self, freq: dict[str, int], text: str, loaded: set[str]) -> None:
        """Add to ``freq`` the buckets of the characters of ``text`` not loaded yet."""
        import marshal

        new = set(text) - loaded
        if not new:
            return
        loaded |= new
        index, ends, data, base = self.index, self.ends, self.data, self.base
        for ch in new:
            k = index.get(ch)
            if k is not None:
                freq.update(marshal.loads(data[base + (ends[k - 1] if k else 0):base + ends[k]]))


@lru_cache(maxsize=1)
def _lazy_tokenizer_class(jieba):
    class LazyTokenizer(jieba.Tokenizer):
        """``jieba.Tokenizer`` whose prefix dictionary grows by first character as the
        texts it is given need it (cut, and everything built on cut, add_word)."""

        def __init__(self, store: _PrefixStore) -> None:
            super().__init__()
            self.store = store
            self.FREQ = {}
            self.total = store.total
            self.initialized = True
            self.loaded: set[str] = set()

        def cut(self, sentence, *args, **kwargs):
            sentence = jieba.strdecode(sentence)
            self.store.load(self.FREQ, sentence, self.loaded)
            return super().cut(sentence, *args, **kwargs)

        def add_word(self, word, freq=None, tag=None):
            word = jieba.strdecode(word)
            self.store.load(self.FREQ, word, self.loaded)
            return super().add_word(word, freq, tag)

        def get_DAG(self, sentence):
            self.store.load(self.FREQ, sentence, self.loaded)
            return super().get_DAG(sentence)

    return LazyTokenizer

