"""The start-up and memory shortcuts read, cut and match exactly as the plain paths do:
pages read one at a time, jieba's dictionary loaded by first character, spaCy imported
without its command line, English texts with digits tagged in a memory zone, batch
workers forked from a warm process."""

import os
import subprocess
import sys

import pytest

from conftest import ROOT

ZH_TEXTS = [
    "本服务的月度服务可用性不低于99.95%。",
    "月度服务可用性低于99.95%但等于或高于99%的，赔偿月度服务费的10%；",
    "每月赔偿总额不超过当月服务费的50%，以代金券形式发放。",
    "因不可抗力、客户原因或提前72小时通知的计划内维护导致的不可用，不计入不可用时间。",
    "客户应在每月结束后的30个自然日内通过工单提交赔偿申请。Service Level Agreement 2024",
]
WORDS = ["服务可用性", "代金券", "不可抗力", "计划内维护", "自然日", "赔偿申请"]


def _page_lines(content):
    return [[(ln.page, ln.text, ln.norm, ln.x0, ln.top, ln.x1, ln.bottom, ln.size, ln.bold, ln.cells, ln.table)
             for ln in page] for page in content.pages]


def test_pages_one_at_a_time_read_like_pdfplumbers_page_list(pdf_factory):
    import pdfplumber

    from slacheck.clauses import pdf as reader
    from slacheck.clauses.guard import Deadline

    files = [pdf_factory("three.pdf", [["1. Service Commitment", "99.9% each month"], ["Page two"], ["2. Credits"]])]
    files += sorted(ROOT.glob("corpora/*/*/*.pdf"))[::9]
    for path in files:
        with pdfplumber.open(path) as pdf:
            kept = reader._read_pages(str(path), pdf, reader._kept_pages(pdf), 500, Deadline(None))
        pdf = pdfplumber.open(path)
        assert reader._one_page_at_a_time(pdf)
        lean = reader._read_pages(str(path), pdf, reader._pages_one_at_a_time(pdf), 500, Deadline(None))
        pdf.stream.close()
        assert lean.page_count == kept.page_count, path
        assert _page_lines(lean) == _page_lines(kept), path
        assert [t.to_dict() | {"bbox": t.bbox} for t in lean.tables] == \
            [t.to_dict() | {"bbox": t.bbox} for t in kept.tables], path


def test_a_line_of_one_piece_keeps_no_list():
    from slacheck.clauses.layout import chars_to_lines

    def char(text, x, top=100.0):
        return {"text": text, "x0": x, "x1": x + 5.0, "top": top, "bottom": top + 10.0, "size": 10.0,
                "fontname": "Helvetica", "upright": True}

    one, two = chars_to_lines([char("a", 10.0), char("b", 15.0)] + [char("c", 10.0, 200.0), char("d", 80.0, 200.0)],
                              1, {})
    assert one.segments is None and one.cells == [(10.0, "ab")]
    assert two.segments == two.cells == [(10.0, "c"), (80.0, "d")]


def test_jieba_by_first_character_cuts_like_the_whole_dictionary(tmp_path, monkeypatch):
    import jieba

    from slacheck.extractors import nlp

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = nlp.jieba_tokenizer(WORDS)  # prepares the cache file and returns the full tokenizer
    lazy = nlp.jieba_tokenizer(WORDS)
    assert list((tmp_path / "slacheck" / "jieba").glob("*.dict"))
    assert type(first) is jieba.Tokenizer and type(lazy) is not jieba.Tokenizer
    whole = jieba.Tokenizer()
    for word in WORDS:
        whole.add_word(word, freq=nlp.JIEBA_WORD_FREQ)
    assert lazy.total == whole.total == first.total
    for text in ZH_TEXTS + WORDS:
        assert list(lazy.cut(text)) == list(whole.cut(text)) == list(first.cut(text)), text
    assert len(lazy.FREQ) < len(whole.FREQ) / 10  # only the buckets these texts needed


def test_a_cut_short_cache_file_is_prepared_again(tmp_path, monkeypatch):
    from slacheck.extractors import nlp

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    nlp.jieba_tokenizer(WORDS)
    (path,) = (tmp_path / "slacheck" / "jieba").glob("*.dict")
    path.write_bytes(path.read_bytes()[:-100])
    assert nlp._PrefixStore.open(path) is None
    again = nlp.jieba_tokenizer(WORDS)
    assert list(again.cut(ZH_TEXTS[0])) and nlp._PrefixStore.open(path) is not None


def test_spacy_without_its_command_line_keeps_it_importable():
    code = (
        "import sys\n"
        "from slacheck.extractors.nlp import import_spacy\n"
        "spacy = import_spacy()\n"
        "assert 'spacy.cli' not in sys.modules and not hasattr(spacy, 'cli')\n"
        "assert spacy.blank('en')('It works.').text == 'It works.'\n"
        "import spacy.cli\n"
        "assert spacy.cli is sys.modules['spacy.cli'] and hasattr(spacy.cli, 'download')\n"
        "assert isinstance(spacy.info(), dict)\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr[-2000:]


def test_english_texts_with_digits_leave_no_words_behind():
    from slacheck.extractors.nlp import Tagger, tagger

    tag = tagger("en")
    texts = ["Credits under clause 731.29 will not exceed 25% of the fees for month 4711.",
             "The Monthly Uptime Percentage is at least 99.95%. Claims within 30 days.",
             "Scheduled maintenance notified 48 hours in advance is excluded."]
    before = len(tag.nlp.vocab)
    zoned = [(tag.cues(text), tag.sentences(text)) for text in texts]
    assert "731.29" not in tag.nlp.vocab.strings and "4711" not in tag.nlp.vocab.strings
    assert len(tag.nlp.vocab) <= before + 40  # the words of the texts, not their numbers
    plain = [(Tagger.cues.__wrapped__(tag, text), Tagger.sentences.__wrapped__(tag, text)) for text in texts]
    assert zoned == plain and any(cues for cues, _ in zoned)


WARM = {"prepared": False}


def _report_warmth(path, **options):
    return {"review": {"path": path, "warm": WARM["prepared"], "pid": os.getpid()}}


def _prepare():
    WARM["calls"] = WARM.get("calls", 0) + 1
    WARM["prepared"] = True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_batch_workers_are_forked_from_a_prepared_process():
    from slacheck.cli import batch

    assert batch.start_method() == "fork"
    got = {}
    try:
        batch.run_pool([(k, f"f{k}") for k in range(4)], lambda k, p, r: got.__setitem__(k, r), workers=2,
                       timeout=30, work=_report_warmth, prepare=_prepare, tick=lambda: None)
    finally:
        WARM["prepared"] = False
    assert WARM.pop("calls") == 1
    assert all(r["review"]["warm"] for r in got.values()) and len(got) == 4
    assert os.getpid() not in {r["review"]["pid"] for r in got.values()}
