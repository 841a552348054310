"""Passage text stored as token numbers (qabot.index.textcode): exact, bounded, checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qabot.index import Index, IndexDamaged, build
from qabot.index.segfiles import Damaged
from qabot.index.textcode import gaps, offsets, pack, tokens, unpack

AWKWARD = [
    "",
    " ",
    "Plain words, then more.",
    "  leading spaces and trailing ones  ",
    "«Guillemets» — dashes… and ‘quotes’; 3.5% of GDP (2024).",
    "Tabs\tand\nnewlines\r\nkept; NBSP\u00a0here and soft\u00adhyphen.",
    "Ünïcödé wörds, 北京 and 東京, مرحبا, עברית, emoji 🌍 too.",
    "...dots first",
    "x",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_tokens_concatenate_to_the_text(text: str) -> None:
    toks = tokens(text)
    assert "".join(toks) == text
    assert all(toks)  # no empty token, so the count of numbers is the count of tokens


def test_a_token_is_a_word_with_what_follows_it() -> None:
    assert tokens("North Korea's talks, 2019.") == ["North ", "Korea'", "s ", "talks, ", "2019."]


@pytest.mark.parametrize(
    "ids",
    [[], [0], [1, 2, 3], list(range(70_000)), [65_534, 65_535, 65_536, 2**31, 7], [2**32 - 1]],
)
def test_numbers_round_trip_small_and_escaped(ids: list[int]) -> None:
    data = pack(ids)
    assert list(unpack(data)) == ids
    if ids and max(ids) < 65_535:
        assert len(data) == 2 * len(ids)  # two bytes each, no escape


def test_numbers_out_of_range_or_damaged_are_refused() -> None:
    with pytest.raises(ValueError):
        pack([2**32])
    with pytest.raises(ValueError):
        unpack(b"\x01")  # odd length
    with pytest.raises(ValueError):
        unpack(pack([70_000])[:4])  # an escape cut short


@pytest.mark.parametrize("spans", [[], [0, 12], [0, 12, 13, 40, 41, 99], [5, 5]])
def test_sentence_spans_stored_as_gaps_come_back(spans: list[int]) -> None:
    assert offsets(gaps(spans)) == spans


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k, text in enumerate(AWKWARD[2:]):
        body = f"{text} This sentence follows it in briefing {k}.\n\nA second paragraph, number {k}."
        (corpus / f"b{k}.md").write_text(f"# Briefing {k}\n\n{body}\n", encoding="utf-8")
    return corpus


def test_an_index_gives_back_every_passage_text_exactly(tmp_path: Path) -> None:
    from qabot.corpus import parse
    from qabot.index.analyse import read_raw
    from qabot.passages import split

    corpus = _corpus(tmp_path)
    ix = tmp_path / "ix"
    build(corpus, ix)
    index = Index(ix)
    stored = sorted((p.text, p.sentences) for p in (index.passage(i) for i in range(index.n_passages)))
    want = []
    for f in sorted(corpus.iterdir()):
        raw, _, _ = read_raw(f.name, f.suffix, f.read_bytes())
        want += [(p.text, p.sentences) for p in split(parse(raw, f.stem, repeated={}))]
    assert stored == sorted(want) and len(want) >= len(AWKWARD) - 2


def test_a_token_number_beyond_the_segments_list_is_damage(tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    build(_corpus(tmp_path), ix)
    seg = Index(ix).segments[0]
    seg._text = seg.text()[:1]  # as if the list had lost its entries
    seg._cache.clear()
    with pytest.raises(Damaged, match="passages damaged"):
        seg.record(0)


def test_a_segment_without_its_token_list_is_refused(tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    build(_corpus(tmp_path), ix)
    seg_dir = next(p for p in ix.iterdir() if p.name.startswith("s-"))
    shutil.move(seg_dir / "text.json.z", tmp_path / "moved")
    with pytest.raises(IndexDamaged, match=r"text\.json\.z"):
        Index(ix)
