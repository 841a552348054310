"""The header zone's general mechanisms of round 13 (titles, dates, authors), one a test.

Every page is made up here (sites, names, words); each test checks what the mechanism
decides and would fail if the mechanism went away.
"""

from __future__ import annotations

from qabot.corpus import dates, parse
from qabot.corpus.header import byline, name_line

BODY = (
    "The river authority opened the new weir on Monday after four years of work, and the first "
    "barges passed through it the same afternoon without delay.\n\n"
    "Farmers upstream say the water level has already risen, and the authority expects the "
    "dry-season flow to stay above the old minimum for the first time in a decade.\n\n"
    "The weir cost more than planned, and the audit office has asked for the final accounts by the "
    "end of the year, when the second phase of the works is due to begin.\n"
)


def test_a_second_calendar_in_brackets_is_part_of_the_dateline() -> None:
    assert dates.dateline("Lalitpur, 3 May 2024 (Baisakh 21, 2081 BS)") == ("2024-05-03", "Lalitpur")
    page = (
        "THE WEIR POST\n\nA NEW WEIR ON THE LOWER RIVER\nby Jane Roe\n"
        f"Lalitpur, 3 May 2024 (Baisakh 21, 2081 BS)\n\n{BODY}"
    )
    doc = parse(page, "page")
    assert doc.title == "A NEW WEIR ON THE LOWER RIVER"
    assert doc.date == "2024-05-03"


def test_credit_words_offices_and_team_clauses_in_bylines() -> None:
    assert byline("Reviewed by Anna Berg") == ["Anna Berg"]
    assert byline("Remarks by Foreign Minister Jan Novak to the River Forum, Brno") == ["Jan Novak"]
    assert byline("Prepared by the data team; charts by Lea Moser") == ["Lea Moser"]
    assert byline("Author: lea.moser@example.org (Lea Moser)") == ["Lea Moser"]


def test_name_lines_with_a_desk_a_description_or_places() -> None:
    assert name_line("Tomas Brenner, Rivers desk") == ["Tomas Brenner"]
    assert name_line("Tomas Brenner, independent hydrologist") == ["Tomas Brenner"]
    assert name_line("Ana Lopes in Porto and Ben Ward in Leeds") == ["Ana Lopes", "Ben Ward"]


def test_a_line_under_the_byline_is_not_the_title() -> None:
    # the book a review is of, under the review's byline and date: no title
    page = (
        "Weir Books\n\nThe river that learned to wait\nReviewed by Anna Berg\n3 May 2024\n"
        "Slow Water: Dams, Barges and Farmers, by Piet Kluiver (Delta Press, 2023, 280 pages)\n\n"
        f"{BODY}"
    )
    doc = parse(page, "page")
    assert doc.title == "The river that learned to wait"
    assert doc.authors == ("Anna Berg",)


def test_a_records_fields_are_no_title_and_its_title_field_is() -> None:
    page = (
        "Weir Feeds - river channel\nFeed item\nTitle: The new weir on the lower river\n"
        "Link: https://weir.example/item/12\nAuthor: lea.moser@weir.example (Lea Moser)\n"
        "Category: Rivers\npubDate: Mon, 06 May 2024 07:30:00 +0000\nguid: weir-item-12\n"
        f"Description:\n{BODY}"
    )
    doc = parse(page, "page")
    assert doc.title == "The new weir on the lower river"
    assert doc.authors == ("Lea Moser",)
    assert doc.date == "2024-05-06"
    assert "guid" not in " ".join(b.text for b in doc.blocks)


def test_a_staff_line_and_an_avatar_caption_are_bylines() -> None:
    staff = parse(
        f"Weir Wire\nThe new weir opens on the lower river\nWeir Wire Staff\nMay 6, 2024\n\n{BODY}", "a"
    )
    assert staff.title == "The new weir opens on the lower river"
    avatar = parse(
        "Weir Notes\n\nThe new weir opens on the lower river\n"
        f"Lea Moser's avatar\nLea Moser\nMay 6, 2024\n\n{BODY}",
        "b",
    )
    assert avatar.title == "The new weir opens on the lower river"
    assert avatar.authors == ("Lea Moser",)


def test_the_sites_name_over_its_tagline_and_menu_is_a_masthead() -> None:
    page = (
        "Weir Notes on the Rivers\nWater from the hills to the sea, one post at a time!\n"
        "Home | About | Archive | Contact\n\nThe weir opened. What now?\n"
        f"Posted on May 6, 2024 by Lea Moser\n\n{BODY}"
    )
    doc = parse(page, "page")
    assert doc.title == "The weir opened. What now?"


def test_an_event_date_and_a_data_period_are_not_the_publication_date() -> None:
    event = parse(
        "The weir's opening, summarised\nEvent date: 2 May 2024\n"
        f"Summary by Lea Moser · Published 9 May 2024\n\n{BODY}",
        "a",
    )
    assert event.date == "2024-05-09"
    assert event.authors == ("Lea Moser",)
    period = parse(
        "River freight in the first quarter\nReleased 12 April 2024\n"
        f"Data period: January-March 2024\n\n{BODY}",
        "b",
    )
    assert period.date == "2024-04-12"


def test_a_wire_lede_dates_an_undated_page() -> None:
    page = f"PRESS RELEASE\n\nThe new weir opens\n\nDELFT / GHENT, 6 May 2024 – {BODY}"
    assert parse(page, "page").date == "2024-05-06"


def test_a_republished_piece_takes_the_date_it_first_appeared() -> None:
    page = (
        "Weir Daily\n\nRepublished 9 May 2024\n\nThe new weir opens on the lower river\n\n"
        f"Lea Moser\n\n{BODY}\n"
        "This article first appeared on The River Review on 6 May 2024.\n"
    )
    assert parse(page, "page").date == "2024-05-06"


def test_an_ambiguous_numeric_date_follows_its_time_zone() -> None:
    assert dates.zone_order("Released 08/04/2025 09:00 ICT") == "day"
    assert dates.zone_order("Released 08/04/2025 09:00 EST") == "month"
    assert dates.zone_order("Released 08/04/2025 09:00 GMT") is None
    page = f"Weir statistics\nRiver freight in the first quarter\nPosted 08/04/2025 09:00 ICT\n\n{BODY}"
    assert parse(page, "page").date == "2025-04-08"


def test_a_series_number_is_no_title_and_the_format_title_agreeing_with_the_file_name_wins() -> None:
    from qabot.corpus.formats import Raw, read
    from qabot.corpus.header import Hint

    raw = read(
        f"WEIR PAPERS\nWorking paper 12\nLea Moser\n\n{BODY}".encode(), "new-weir-lower-river.txt", ".txt"
    )
    assert isinstance(raw, Raw)
    hints = dict(raw.hints)
    hints["title"] = Hint("The New Weir on the Lower River", "PDF metadata (title)")
    from dataclasses import replace

    doc = parse(replace(raw, hints=hints, weak=frozenset({"title"})), "new-weir-lower-river")
    assert doc.title == "The New Weir on the Lower River"


def test_a_byline_label_alone_over_the_names() -> None:
    page = f"WEIR TRACKER\n\nThe weir since 2020\nCompiled by\nLea Moser and Ben Ward\n\n{BODY}"
    assert parse(page, "page").authors == ("Lea Moser", "Ben Ward")
