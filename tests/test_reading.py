"""The reading mechanisms one at a time, on small pages written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from qabot.corpus import inspect, line_keys, parse, repeated_counts
from qabot.corpus.dates import dateline
from qabot.corpus.header import byline, name_line
from qabot.index import Index, build

LONG = (
    "The river authority opened the new lock on the lower reach of the canal on Monday, "
    "and barge operators said the first convoys had passed without delay or damage."
)


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Dec 28, 2018 | 07:30 GMT", "2018-12-28"),
        ("18 MINS READDec 11, 2016 | 16:07 GMT", "2016-12-11"),
        ("15 December 2018", "2018-12-15"),
        ("Thursday, November 5, 2009", "2009-11-05"),
        ("(August 10, 2015)", "2015-08-10"),
        ("Released on 2012-10-17 17:00 GMT", "2012-10-17"),
        ("Date: Tue Mar 18 09:18:20 MDT 2014", "2014-03-18"),
        ("2009-11-06 01:03:08", "2009-11-06"),
        ("Updated: 31 Oct 2022, 18:40", "2022-10-31"),
        ("July 14, 20227:52 PM GMT+5:30Updated 2 hours ago", "2022-07-14"),
        ("Posted on 5/20/2021 by admin", "2021-05-20"),
        ("28.12.2018", "2018-12-28"),
        ("January 2017", "2017-01"),
        ("16 septembrie 2019", "2019-09-16"),
    ],
)
def test_datelines(line: str, iso: str) -> None:
    got = dateline(line)
    assert got is not None and got[0] == iso


def test_a_date_inside_a_sentence_is_no_dateline() -> None:
    assert dateline(LONG.replace("on Monday", "on March 3, 2019")) is None


def test_a_foreign_month_is_never_the_title() -> None:
    doc = parse(f"16 septembrie 2019\n\nThe Lock Opens on the Lower Canal\n\n{LONG}\n", "lock")
    assert doc.title == "The Lock Opens on the Lower Canal" and doc.date == "2019-09-16"


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By George Friedman", ["George Friedman"]),
        ("by Bill O'Grady", ["Bill O'Grady"]),
        ("By Capt. Walker D. Mills", ["Walker D. Mills"]),
        ("Hosted by Ana Ruiz and Tom Berg", ["Ana Ruiz", "Tom Berg"]),
        ("By Ion Vasile, Staff Correspondent", ["Ion Vasile"]),
    ],
)
def test_bylines(line: str, authors: list[str]) -> None:
    assert byline(line) == authors


def test_bare_author_lines() -> None:
    assert name_line("Olga Oliker, Michael J. McNerney, and Lynn E. Davis") == [
        "Olga Oliker",
        "Michael J. McNerney",
        "Lynn E. Davis",
    ]
    assert name_line("Marta Lindqvist, Senior Fellow for Energy") == ["Marta Lindqvist"]
    assert name_line("The Lock Opens") == [] and name_line("Milei's Dollar Plan") == []


def test_kicker_title_byline_date_in_any_order() -> None:
    page = f"INFRASTRUCTURE\nThe Lock Opens on the Lower Canal\nPer Holm\nMar 3, 2019 | 10:00 GMT\n\n{LONG}\n"
    ins = inspect(page, "lock")
    doc = ins.document
    assert (doc.title, doc.date, doc.authors) == (
        "The Lock Opens on the Lower Canal",
        "2019-03-03",
        ("Per Holm",),
    )
    assert (ins.title_from, ins.date_from, ins.authors_from) == ("line 2", "line 4", "line 3")
    reasons = {d.line: d.reason for d in ins.dropped}
    assert reasons[1].startswith("kicker")
    assert [b.text for b in doc.blocks] == [LONG]


WRAPPED = """The Lock Opens on the Lower Canal

March 3, 2019

The river authority opened the new lock on the lower reach of the canal,
which had been closed to barges for two years; operators said the first
convoys passed without delay, and the authority expects traffic to double
by the end of the year, once the second chamber is finished.
The old lock will be kept as a museum.

A second paragraph starts here, after a blank line, and it runs on for a
while before it ends, as paragraphs in a wrapped file do.
"""


def test_hard_wrapped_file_joins_by_width_not_by_last_character() -> None:
    ins = inspect(WRAPPED, "w")
    texts = [b.text for b in ins.document.blocks]
    assert texts[0].startswith("The river authority") and texts[0].endswith("second chamber is finished.")
    assert "canal, which had been closed" in texts[0] and "years; operators" in texts[0]
    assert texts[1] == "The old lock will be kept as a museum."
    assert texts[2].endswith("as paragraphs in a wrapped file do.")
    assert any("hard-wrapped" in n for n in ins.notes)


def test_transcript_turns_read_name_colon_text() -> None:
    page = (
        "Episode 12: Locks and Barges\nMar 3, 2019\n\n"
        "Ana Ruiz [00:00:04]\nWelcome back. Today we talk about the new lock on the lower canal.\n\n"
        "[00:00:31] Tom Berg: Thanks, Ana. It opened on Monday after two years of work on the reach.\n"
    )
    doc = parse(page, "ep")
    assert [b.text for b in doc.blocks] == [
        "Ana Ruiz: Welcome back. Today we talk about the new lock on the lower canal.",
        "Tom Berg: Thanks, Ana. It opened on Monday after two years of work on the reach.",
    ]


def test_footnotes_contents_and_link_lists_are_not_text() -> None:
    page = (
        "The Lock Opens on the Lower Canal\n\nMarch 3, 2019\n\n"
        "Contents\n\nIntroduction ........ 1\n\nTraffic ........ 2\n\n"
        f"{LONG.replace('Monday,', 'Monday,2')}[1]\n\n"
        "Related Links\n\nBarges on the Upper Reach\n\nA History of the Canal Authority\n"
    )
    ins = inspect(page, "lock")
    assert [b.text for b in ins.document.blocks] == [LONG]
    reasons = {d.text: d.reason for d in ins.dropped}
    assert reasons["Introduction ........ 1"] == "chrome: table of contents"
    assert reasons["Related Links"] == "chrome: link-like" and "Barges on the Upper Reach" in reasons


def test_lines_repeated_across_briefings_are_chrome_but_headings_stay() -> None:
    def page(title: str, body: str) -> str:
        return (
            f"Canal Weekly\nHome | Locks | Barges | About\n{title}\nMarch 3, 2019\n\n"
            f"Background\n\n{body}\n\nGet Canal Weekly in your inbox every Friday morning, free.\n"
        )

    a = page("The Lock Opens on the Lower Canal", LONG)
    b = page("Barge Traffic Doubles", LONG.replace("river authority", "port board"))
    counts = repeated_counts([line_keys(a), line_keys(b)])
    ins = inspect(a, "a", repeated=counts)
    doc = ins.document
    assert [(x.kind, x.text) for x in doc.blocks] == [("heading", "Background"), ("paragraph", LONG)]
    reasons = {d.text: d.reason for d in ins.dropped}
    assert reasons["Canal Weekly"] == "chrome: repeated in 2 briefings"
    assert "Get Canal Weekly" not in " ".join(x.text for x in doc.blocks)
    # a near-copy of another briefing is not stripped to nothing by repetition
    same = repeated_counts([line_keys(a), line_keys(a + "\n")])
    assert [x.text for x in parse(a, "a", repeated=same).blocks][-1] == LONG


def test_inspect_names_where_each_field_came_from() -> None:
    page = '+++\ntitle = "Given Title"\nauthor = "Ana Ruiz"\n+++\nSome Page Title\n\n' + LONG + "\n"
    ins = inspect(page, "2019-03-05-canal")
    assert (ins.title_from, ins.date_from, ins.authors_from) == ("front matter", "file name", "front matter")
    assert ins.document.date == "2019-03-05" and ins.document.authors == ("Ana Ruiz",)


def test_index_reparses_an_unchanged_file_only_when_its_chrome_changes(tmp_path: Path) -> None:
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    corpus.mkdir()
    shared = "Follow Canal Weekly for the barge news that matters to shippers on the river."
    (corpus / "a.txt").write_text(f"The Lock Opens\n\nMarch 3, 2019\n\n{LONG}\n\n{shared}\n")
    build(corpus, ix)
    assert shared in [Index(ix).passage(i).text for i in range(Index(ix).n_passages)][-1]
    # a second page holding the same line: it is now a site's line, in both
    (corpus / "b.txt").write_text(
        f"Barges Return\n\nMarch 4, 2019\n\n{LONG.replace('lock', 'weir')}\n\n{shared}\n"
    )
    report = build(corpus, ix)
    assert report.added == ["b.txt"] and report.reused == 0
    index = Index(ix)
    assert all(shared not in index.passage(i).text for i in range(index.n_passages))
    # a third page sharing nothing: nothing flips, the others are reused as they were
    (corpus / "c.txt").write_text(f"Quiet Week\n\nMarch 5, 2019\n\n{LONG.replace('canal', 'harbour')}\n")
    assert build(corpus, ix).reused == 2
    # the second page goes: the line is the first page's own again
    (corpus / "b.txt").unlink()
    build(corpus, ix)
    fresh = tmp_path / "fresh"
    build(corpus, fresh, reuse=False)
    assert (ix / "manifest.json").exists()
    a, f = Index(ix), Index(fresh)
    assert [a.passage(i).text for i in range(a.n_passages)] == [
        f.passage(i).text for i in range(f.n_passages)
    ]


def test_parser_version_is_stated_once_for_the_index_and_once_for_the_parser() -> None:
    import importlib

    files = importlib.import_module("qabot.corpus.files")  # the package's `files` is a function
    reading = importlib.import_module("qabot.corpus.reading")
    assert files.PARSER_VERSION == reading.PARSER_VERSION >= 2
