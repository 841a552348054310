"""The parser on both real briefings and on the other formats users may drop in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qabot.analysis import fold, sentence_spans
from qabot.corpus import CorpusError, FileSkipped, decode, discover, files, parse, repair_mojibake
from qabot.passages import MAX_WORDS, split
from tests.conftest import CORPUS, FEB26, FEB28


def _doc(stem: str):  # type: ignore[no-untyped-def]
    path = CORPUS / f"{stem}.txt"
    return parse(path.read_text(encoding="utf-8"), stem)


def _body(doc) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(b.text for b in doc.blocks)


def test_title_and_date_both_header_layouts() -> None:
    a, b = _doc(FEB26), _doc(FEB28)
    assert a.title == "What to Expect as Trump and Kim Meet Again"
    assert a.date == "2019-02-26"
    assert b.title == "Why an Abrupt Finale to the Trump-Kim Summit Won't Kill Negotiations"
    assert b.date == "2019-02-28"


@pytest.mark.parametrize("stem", [FEB26, FEB28])
def test_boilerplate_and_credits_are_gone(stem: str) -> None:
    body = _body(_doc(stem))
    for junk in (
        "Connected Content",
        "Regions & Countries",
        "Article Search",
        "Copyright",
        "Stratfor Worldview",
        "To empower members",
        "MINS READ",
        "mins read",
        "Getty Images",
        "GMT",
    ):
        assert junk not in body, junk


def test_block_kinds() -> None:
    a, b = _doc(FEB26), _doc(FEB28)
    kinds_a = [blk.kind for blk in a.blocks]
    assert kinds_a.count("bullet") == 3 and kinds_a.count("bullet") == [x.kind for x in b.blocks].count(
        "bullet"
    )
    headings = [blk.text for blk in a.blocks if blk.kind == "heading"]
    assert headings[:3] == ["The Big Picture", "What to Watch for", "Korean War Peace Declaration"]
    assert "The Bottom Line" in headings
    captions = [blk.text for blk in a.blocks if blk.kind == "caption"]
    assert len(captions) == 2
    assert captions[0].startswith("This photo shows a Vietnamese artist")
    assert not captions[1].endswith(")")  # "(Photo by ...)" credit removed
    assert next(blk.kind for blk in b.blocks) == "caption"


def test_mojibake_repaired_and_spaces_clean() -> None:
    body = _body(_doc(FEB26))
    assert "DPRK’s Yongbyon" in body
    assert "Õ" not in body and "\u00a0" not in body
    assert repair_mojibake("North Koreaâ€™s") == "North Korea’s"


@pytest.mark.parametrize("stem", [FEB26, FEB28])
def test_pull_quotes_dropped_but_their_text_kept(stem: str) -> None:
    doc = _doc(stem)
    quote = {
        FEB26: "Peeling back sanctions would be a risky move",
        FEB28: "The talks in Hanoi might have fizzled",
    }[stem]
    holding = [blk for blk in doc.blocks if quote in blk.text]
    assert len(holding) == 1
    assert len(holding[0].text) > 2 * len(quote)


@pytest.mark.parametrize("stem", [FEB26, FEB28])
def test_no_body_sentence_lost(stem: str) -> None:
    """Every sentence-like raw line of the article survives somewhere in the blocks."""
    raw = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    doc = _doc(stem)
    body = fold(_body(doc))
    footer = raw.index("Copyright")
    for line in raw[:footer].splitlines():
        line = fold(repair_mojibake(line)).strip(" •")
        if len(line.split()) < 8 or line.startswith("(") or line == fold(doc.title) or "GMT" in line:
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            sentence = re.sub(r"\s*\(Photo by[^)]*\)\s*$", "", sentence).strip()
            if len(sentence.split()) >= 4:
                assert sentence in body, sentence[:60]


def test_front_matter_and_markdown() -> None:
    text = """+++
title = "Seoul Weighs Its Options"
date = 2019-03-05
source = "Example Analysis"
url = "https://example.org/seoul"
+++
# Ignored Because Front Matter Has A Title

Lead paragraph about Seoul and **mediation** between the sides, with enough words to stand alone.

## Moon's Next Step

- A bullet point about the [inter-Korean](https://x) liaison office in Kaesong.

![Moon Jae In at the border](moon.jpg)

Second paragraph that is long enough to be its own passage in the index, about trade.
"""
    doc = parse(text, "seoul", ".md")
    assert doc.title == "Seoul Weighs Its Options"
    assert doc.date == "2019-03-05" and doc.source == "Example Analysis"
    kinds = [(b.kind, b.text[:20]) for b in doc.blocks]
    assert ("heading", "Moon's Next Step") in kinds
    assert any(
        k == "bullet" and "inter-Korean liaison" in t for k, t in [(b.kind, b.text) for b in doc.blocks]
    )
    assert any(b.kind == "caption" and b.text == "Moon Jae In at the border" for b in doc.blocks)
    assert all("**" not in b.text and "](" not in b.text for b in doc.blocks)


def test_no_title_or_date_falls_back_with_warning() -> None:
    doc = parse("just some text without any header at all. it goes on and on.\n", "notes")
    assert doc.title == "notes" and doc.date == "undated"
    assert len(doc.warnings) == 2


def test_decode_fallbacks() -> None:
    text, warns = decode("café".encode("cp1252"), "x.txt")
    assert text == "café" and "cp1252" in warns[0]
    assert decode("\ufeffhello".encode(), "x.txt") == ("hello", [])
    with pytest.raises(FileSkipped, match="binary"):
        decode(b"\x00\x01\x02", "x.bin.txt")


def test_discover_skips_hidden_and_backups(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", ".hidden.txt", "c.txt~", "d.txt.bak", "e.docx", "#f.swp"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in discover(tmp_path)] == ["a.txt", "b.md"]


def test_discover_skips_dot_and_underscore_folders(tmp_path: Path) -> None:
    for rel in ("a.txt", "sub/b.md", ".git/c.txt", "_drafts/d.txt", "sub/_old/e.txt", "sub/.x/f.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    assert files(tmp_path) == {"a.txt": tmp_path / "a.txt", "sub/b.md": tmp_path / "sub" / "b.md"}
    missing, afile = re.escape(str(tmp_path / "no")), re.escape(str(tmp_path / "a.txt"))
    with pytest.raises(CorpusError, match=f"^corpus folder {missing} does not exist$"):
        discover(tmp_path / "no")
    with pytest.raises(CorpusError, match=f"^corpus folder {afile} is not a folder$"):
        files(tmp_path / "a.txt")


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_trailing_headings_are_dropped(suffix: str) -> None:
    para = "A paragraph about the summit in Hanoi that is long enough to stand as a passage."
    if suffix == ".md":
        text = f"# Title Of The Brief\n\n## Section\n\n{para}\n\n## Related\n\n### More Reading\n"
    else:
        text = f"Title Of The Brief\n\nMarch 3, 2019\n\nSection\n\n{para}\n\nRelated Briefings\n"
    doc = parse(text, "brief", suffix)
    assert [(b.kind, b.text) for b in doc.blocks] == [("heading", "Section"), ("paragraph", para)]


def test_long_paragraph_cut_at_sentences_with_their_spans() -> None:
    sentences = [f"Sentence number {i} says something about the summit in Hanoi." for i in range(60)]
    text = "Title Of The Brief\n\nMarch 3, 2019\n\n" + " ".join(sentences) + "\n"
    passages = split(parse(text, "brief"))
    assert len(passages) > 1 and all(len(p.text.split()) <= MAX_WORDS for p in passages)
    assert " ".join(p.text for p in passages) == " ".join(sentences)
    for p in passages:
        assert [p.text[a:b] for a, b in p.sentences] == [s for s in sentences if s in p.text]
        assert list(p.sentences) == sentence_spans(p.text)
