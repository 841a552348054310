"""Web-copy mess the parse bench lacks, one small page at a time (all text written here).

Each page wraps the same few article paragraphs in a different kind of chrome or trap:
cookie banners, breadcrumbs, share rows, newsletter boxes, related-story teasers with
their own titles and dates, comment sections, paywall ends, signatures, list footers,
long navigation before the title, forum threads, transcripts, aggregator blurbs. Every
test checks the title, the date, and that the article's paragraphs, and only they, are
what passages are made of.
"""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from qabot.corpus import Document, parse, read
from qabot.passages import split

P1 = (
    "The river authority opened the new lock on the lower reach of the canal on Monday, and barge "
    "operators said the first convoys had passed without delay or damage to their hulls."
)
P2 = (
    "Engineers had spent four years widening the chamber so that two barges can now pass side by "
    "side, which the authority says will cut waiting times at the lock by more than half."
)
P3 = (
    "Shippers still worry about the upper reach, where low water last summer forced boats to sail "
    "half empty for six weeks, and they want the same work done there before the next drought."
)
P4 = (
    "The authority has asked the ministry for a further grant, but officials expect no decision "
    "before the budget is debated in the autumn, and the contractors have already left the site."
)
ARTICLE = [P1, P2, P3, P4]
TEXT = "\n\n".join(ARTICLE)  # the article as a page prints it, a blank line between paragraphs
NOTICE = (
    "CONFIDENTIALITY NOTICE: This message and any attachments are intended only for the addressee. "
    "If you received it in error, please notify the sender and delete it. Views expressed are those "
    "of the author."
)
PITCH = (
    "Thanks for reading Canal Letter! To receive new posts and support my work, consider becoming a "
    "free or paid subscriber."
)
BLURB = (
    "Why we picked it: a clear account of why one lock matters so much to the whole river economy, "
    "with figures that other reports leave out."
)
EXCERPT1 = (
    "The number of barges using the upper reach doubled last year, the authority said, as shippers "
    "moved cargo off the roads."
)
EXCERPT2 = (
    "The authority says its budget has not kept up with the cost of dredging, and it wants the "
    "ministry to pay more."
)
BIO = (
    "Jane Roe is a senior fellow at the Institute for River Transport. Before that she served 28 "
    "years in the navy's river flotilla."
)
TITLE = "The Lock Opens on the Lower Canal"


def passages_text(doc: Document) -> str:
    return "\n".join(f"{p.section or ''} {p.text}" for p in split(doc))


def check(
    doc: Document,
    *,
    title: str = TITLE,
    date: str,
    authors: tuple[str, ...] | None = None,
    body: list[str] | None = None,
    absent: tuple[str, ...] = (),
) -> None:
    assert doc.title == title
    assert doc.date == date
    if authors is not None:
        assert doc.authors == authors
    paragraphs = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert paragraphs == (ARTICLE if body is None else body)
    text = passages_text(doc)
    for junk in absent:
        assert junk not in text, junk


def test_cookie_banner_breadcrumbs_share_row_newsletter_box_and_advertisement() -> None:
    page = f"""We use cookies to give you the best experience on our site. By continuing to browse you agree.
Accept all cookies
Manage preferences
Skip to main content
Canal Weekly
Home › Analysis › Waterways
{TITLE}
By Per Holm
March 3, 2019
Share this article
Facebook Twitter LinkedIn Email
Print

{P1}

{P2}

Advertisement

Get Canal Weekly in your inbox
Sign up for our free newsletter and never miss a story.
Enter your email address
Subscribe

{P3}

{P4}

Share this article
Copyright © 2019 Canal Weekly. All rights reserved.
"""
    check(
        parse(page, "page"),
        date="2019-03-03",
        authors=("Per Holm",),
        absent=("cookies", "Advertisement", "newsletter", "Share", "Home ›", "Subscribe"),
    )


def test_related_teasers_and_comments_give_no_title_and_no_date() -> None:
    page = f"""{TITLE}
By Per Holm
March 3, 2019

{TEXT}

Related stories
Barge Traffic Doubles on the Upper Reach
February 11, 2019
Why the Canal Authority Wants a New Budget
January 28, 2019

You might also like
The Old Lock Becomes a Museum

3 Comments
Greta Lind
March 4, 2019 at 9:12 am
About time. The queue at the lock was a scandal for years and the barges lost whole days there.
Reply
Tomas B.
March 5, 2019 at 6:40 pm
Upper reach next, please.
Reply
"""
    check(
        parse(page, "page"),
        date="2019-03-03",
        authors=("Per Holm",),
        absent=("Barge Traffic", "February", "Museum", "Greta", "scandal", "Upper reach next"),
    )


def test_a_date_printed_only_after_the_title_block() -> None:
    page = f"""{TITLE}

By Per Holm

{P1}

Published 4 March 2019

{P2}

{P3}

{P4}
"""
    check(parse(page, "page"), date="2019-03-04", authors=("Per Holm",), absent=("Published",))


def test_title_printed_twice_browser_tab_then_heading() -> None:
    page = f"""{TITLE} | Canal Weekly
Canal Weekly
Waterways
{TITLE}
Per Holm · 3 March 2019

{TEXT}
"""
    check(parse(page, "page"), date="2019-03-03", authors=("Per Holm",), absent=("| Canal Weekly",))


def test_paywall_teaser_ends_where_the_pitch_starts() -> None:
    page = f"""{TITLE}
By Per Holm
March 3, 2019

{P1}

{P2}

To read the full article, subscribe to Canal Weekly.
Already a subscriber? Log in
Subscribe now: first month free, cancel anytime.
"""
    check(parse(page, "page"), date="2019-03-03", body=[P1, P2], absent=("subscribe", "Log in"))


def test_email_signature_disclaimer_and_list_footer() -> None:
    msg = EmailMessage()
    msg["From"] = "Per Holm <per@canal.example>"
    msg["To"] = "waterways@lists.canal.example"
    msg["Subject"] = "[waterways] The lock opens on the lower canal"
    msg["Date"] = "Mon, 04 Mar 2019 08:15:00 +0100"
    msg.set_content(
        f"""Hi all,

{TEXT}

Best regards,
Per Holm
Senior Analyst, Waterways Desk
Tel. +46 8 555 0142

{NOTICE}
_______________________________________________
waterways mailing list
waterways@lists.canal.example
https://lists.canal.example/mailman/listinfo/waterways
"""
    )
    doc = parse(read(bytes(msg), "lock.eml", ".eml"), "lock")
    check(
        doc,
        title="The lock opens on the lower canal",
        date="2019-03-04",
        authors=("Per Holm",),
        absent=("Hi all", "regards", "Senior Analyst", "CONFIDENTIALITY", "mailing list", "listinfo"),
    )


def test_a_page_that_is_mostly_a_table() -> None:
    page = f"""Lock Traffic by Month

March 5, 2019

{P1}

| Month | Barges | Tonnes |
|-------|--------|--------|
| January | 412 | 180,000 |
| February | 398 | 171,500 |
| March | 455 | 199,200 |
"""
    doc = parse(page, "traffic")
    check(
        doc,
        title="Lock Traffic by Month",
        date="2019-03-05",
        body=[
            P1,
            "Month | Barges | Tonnes",
            "January | 412 | 180,000",
            "February | 398 | 171,500",
            "March | 455 | 199,200",
        ],
    )


def test_forty_lines_of_navigation_before_the_title() -> None:
    nav = "\n".join(
        f"{w}"
        for w in ("Home", "News", "Opinion", "Waterways", "Ports", "Rail", "Roads", "Air", "Energy", "Jobs")
        * 4
    )
    page = f"{nav}\n{TITLE}\nBy Per Holm\nMarch 3, 2019\n\n" + TEXT + "\n"
    check(parse(page, "page"), date="2019-03-03", authors=("Per Holm",))


def test_file_name_words_pick_the_title_among_teasers() -> None:
    page = f"""Latest
Barge Traffic Doubles on the Upper Reach
Why the Canal Authority Wants a New Budget
{TITLE}
March 3, 2019

{TEXT}
"""
    check(parse(page, "the-lock-opens-on-the-lower-canal"), date="2019-03-03", absent=("Barge Traffic",))


def test_a_byline_before_the_title_is_no_title() -> None:
    page = f"""By Capt. Jane Roe, Royal Navy (Retd)
{TITLE}
3 March 2019

{TEXT}
"""
    check(parse(page, "page"), date="2019-03-03", authors=("Jane Roe",))


def test_a_photo_caption_with_its_credit_is_no_title() -> None:
    page = f"""A barge leaves the new lock chamber on the lower canal. Photo: Per Holm/Canal Weekly
{TITLE}
By Per Holm
March 3, 2019

{TEXT}
"""
    check(parse(page, "page"), date="2019-03-03", absent=("Photo:",))


def test_forum_thread_keeps_the_reposted_article_not_the_replies() -> None:
    page = f"""Waterways Forum
Welcome, Guest. Please login or register.
Waterways Forum » Europe » Canals
Topic: The lock opens on the lower canal (Read 1,204 times)
Post by barge_fan » Tue Mar 05, 2019 7:02 am

{TITLE}
March 3, 2019

{TEXT}

Post by riverwatch » Tue Mar 05, 2019 9:30 am
Good news, but the upper reach is the real problem and nobody in the ministry wants to pay for it.

Post by barge_fan » Wed Mar 06, 2019 8:11 am
Agreed. Let us see what the budget says in the autumn.
"""
    check(
        parse(page, "page"),
        date="2019-03-03",
        absent=("Welcome, Guest", "Post by", "nobody in the ministry", "Agreed."),
    )


def test_trending_box_and_read_more_lines() -> None:
    page = f"""Trending
Barge Traffic Doubles on the Upper Reach
2 hours ago
Why the Canal Authority Wants a New Budget
February 28, 2019

{TITLE}
By Per Holm
March 3, 2019

{P1}

Read more: Barge Traffic Doubles on the Upper Reach

{P2}

Advertisement · Scroll to continue

{P3}

{P4}
"""
    check(parse(page, "page"), date="2019-03-03", absent=("Read more", "Barge Traffic", "Scroll", "February"))


TURNS = [
    "ANA RUIZ: Welcome back. Today we talk about the new lock on the lower canal and what it means "
    "for barges.",
    "TOM BERG: Thanks, Ana. It opened on Monday after four years of work, and the first convoys "
    "went through.",
    "ANA RUIZ: Thank you.",
]


@pytest.mark.parametrize(
    "layout",
    [
        # the speaker alone on a line over the turn
        "ANA RUIZ\n{0}\n\nTOM BERG\n{1}\n\nANA RUIZ\n{2}\n",
        # a timestamp, the speaker, the turn, each on its own line
        "[00:00:05]\nANA RUIZ\n{0}\n\n[00:00:40]\nTOM BERG\n{1}\n\n[00:01:10]\nANA RUIZ\n{2}\n",
        # speaker and timestamp on one line
        "ANA RUIZ (00:00:05)\n{0}\n\nTOM BERG (00:00:40)\n{1}\n\nANA RUIZ (00:01:10)\n{2}\n",
    ],
)
def test_transcript_layouts_keep_every_turn(layout: str) -> None:
    texts = [t.split(": ", 1)[1] for t in TURNS]
    page = (
        "Episode 12: Locks and Barges\nMarch 3, 2019\nHosted by Ana Ruiz\n\nTranscript\n\n"
        + layout.format(*texts)
        + "\nThis transcript was generated automatically and may contain errors.\n"
    )
    doc = parse(page, "ep")
    assert doc.title == "Episode 12: Locks and Barges" and doc.authors == ("Ana Ruiz",)
    assert [b.text for b in doc.blocks if b.kind == "paragraph"] == TURNS
    assert "generated automatically" not in passages_text(doc)


def test_html_transcript_keeps_every_turn() -> None:
    turns = "".join(
        f'<p><strong>{t.split(": ", 1)[0].title()}</strong> <span class="ts">[00:0{n}:00]</span></p>'
        f"<p>{t.split(': ', 1)[1]}</p>"
        for n, t in enumerate(TURNS)
    )
    html = (
        "<html><head><title>Episode 12: Locks and Barges</title></head><body><article>"
        "<h1>Episode 12: Locks and Barges</h1><p>March 3, 2019</p><h2>Transcript</h2>"
        f"{turns}</article></body></html>"
    )
    doc = parse(read(html.encode(), "ep.html", ".html"), "ep")
    got = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert got == [f"{t.split(': ', 1)[0].title()}: {t.split(': ', 1)[1]}" for t in TURNS]


def test_newsletter_email_web_link_sponsor_and_pitch() -> None:
    msg = EmailMessage()
    msg["From"] = "Canal Letter <letter@canal.example>"
    msg["Subject"] = "The lock opens on the lower canal"
    msg["Date"] = "Mon, 04 Mar 2019 06:00:00 +0000"
    msg.set_content(
        f"""View this post on the web at https://canalletter.example/p/the-lock-opens

{TITLE}
Per Holm
Mar 3, 2019

This week's briefing is supported by Northbank Logistics, moving freight since 1952.

{TEXT}

{PITCH}
Unsubscribe
"""
    )
    check(
        parse(read(bytes(msg), "n.eml", ".eml"), "n"),
        date="2019-03-03",
        authors=("Per Holm",),
        absent=("View this post", "supported by", "support my work", "Unsubscribe"),
    )


def test_aggregator_curation_blurb() -> None:
    page = f"""Waterways Digest
{BLURB}
{TITLE}
By Per Holm
March 3, 2019

{TEXT}

Source: Canal Weekly
"""
    check(
        parse(page, "page"), date="2019-03-03", authors=("Per Holm",), absent=("Why we picked it", "Source:")
    )


def test_tag_archive_drops_the_other_posts_excerpts() -> None:
    page = f"""Tag Archives: canals

{TITLE}
Posted on March 3, 2019 by admin

{TEXT}

Barge Traffic Doubles on the Upper Reach
{EXCERPT1}
Continue reading →

Why the Canal Authority Wants a New Budget
{EXCERPT2}
Continue reading →
"""
    check(parse(page, "page"), date="2019-03-03", absent=("doubled last year", "dredging", "Continue"))


def test_email_archive_subject_line_and_notes_between_correspondents() -> None:
    page = f"""Subject Re: The lock opens on the lower canal
From Per Holm
Date 2019-03-04 10:12:00
Email-ID 774120

Sending the final version for edit. Thanks.

{TITLE}
March 3, 2019

{TEXT}
"""
    check(parse(page, "mail"), date="2019-03-03", absent=("Sending the final version", "Email-ID"))


def test_a_forwarded_message_takes_the_forwarded_date() -> None:
    msg = EmailMessage()
    msg["From"] = "Ola Berg <ola@canal.example>"
    msg["Subject"] = "Fwd: The lock opens"
    msg["Date"] = "Fri, 15 Mar 2019 17:00:00 +0100"
    msg.set_content(
        "FYI, see below.\n\n---------- Forwarded message ---------\n"
        "From: Per Holm <per@canal.example>\nDate: Mon, 4 Mar 2019 at 08:15\n"
        "Subject: The lock opens on the lower canal\nTo: Ola Berg <ola@canal.example>\n\n"
        + "\n\n".join(ARTICLE)
        + "\n"
    )
    doc = parse(read(bytes(msg), "f.eml", ".eml"), "f")
    check(doc, title="The lock opens on the lower canal", date="2019-03-04", absent=("FYI",))


def test_author_bios_near_the_byline_and_at_the_end_are_metadata() -> None:
    page = f"""{TITLE}
By Jane Roe
Jane Roe covers inland shipping for Canal Weekly.
March 3, 2019

{TEXT}

{BIO}
"""
    check(
        parse(page, "page"),
        date="2019-03-03",
        authors=("Jane Roe",),
        absent=("covers inland", "senior fellow"),
    )


def test_a_byline_row_of_several_parts_gives_author_and_date() -> None:
    page = f"""{TITLE}
By Jane Roe | Senior Fellow, River Transport | March 3, 2019 | 6 min read | Analysis

{TEXT}
"""
    check(parse(page, "page"), date="2019-03-03", authors=("Jane Roe",))


def test_a_date_printed_only_at_the_foot_of_the_article() -> None:
    page = f"""{TITLE}

{TEXT}

Published on 3 March 2019 in Waterways
"""
    check(parse(page, "page"), date="2019-03-03", absent=("Published on",))


def _html(body: str, head: str = "") -> bytes:
    head = f"<title>{TITLE} | Canal Weekly</title>{head}"
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def test_html_trafilatura_finds_nothing_the_largest_paragraph_box_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    paras = "".join(f'<div class="para">{p}</div>' for p in ARTICLE)
    page = _html(
        '<div class="top"><a href="/">Home</a> <a href="/ports">Ports</a></div>'
        f'<div class="story"><h1>{TITLE}</h1><div class="by">By Per Holm</div>{paras}</div>'
        '<div class="foot"><a href="/about">About us</a></div>',
        '<meta property="article:published_time" content="2019-03-03T08:00:00Z">',
    )
    raw = read(page, "lock.html", ".html")
    assert "trafilatura" in raw.notes[0]
    check(parse(raw, "lock"), date="2019-03-03", authors=("Per Holm",), absent=("Home", "About us"))


def test_html_teaser_aside_and_unmarked_comments() -> None:
    paras = "".join(f"<p>{p}</p>" for p in ARTICLE)
    page = _html(
        f"<article><h1>{TITLE}</h1><p>By Per Holm</p><p>March 3, 2019</p>{paras[: len(paras) // 2]}"
        "<aside><h4>Most read</h4><ul><li><a href='/a'>Barge Traffic Doubles on the Upper Reach</a></li>"
        "<li><a href='/b'>Why the Canal Authority Wants a New Budget</a></li></ul></aside>"
        f"{paras[len(paras) // 2 :]}"
        "<section><h3>2 Comments</h3><p>Greta Lind</p><p>March 4, 2019</p>"
        "<p>About time. The queue at the lock was a scandal for years and the barges lost whole days "
        "there.</p>"
        "</section></article>"
    )
    doc = parse(read(page, "lock.html", ".html"), "lock")
    check(doc, date="2019-03-03", authors=("Per Holm",), absent=("Barge Traffic", "Greta", "scandal"))


def test_html_standfirst_under_the_title_is_a_paragraph_and_a_byline_with_a_role_names_the_person() -> None:
    dek = "Four years of work end with a wider chamber and shorter queues."
    paras = "".join(f"<p>{p}</p>" for p in ARTICLE)
    page = _html(
        f"<article><h1>{TITLE}</h1><h2>{dek}</h2><h3>By Per Holm, Canal Weekly correspondent in Malmö</h3>"
        f"<p>March 3, 2019</p>{paras}</article>",
        '<meta name="author" content="Per Holm, Canal Weekly correspondent">',
    )
    doc = parse(read(page, "lock.html", ".html"), "lock")
    check(doc, date="2019-03-03", authors=("Per Holm",), body=[dek, *ARTICLE])


@pytest.mark.parametrize("mark", ["## {}", "**{}**", "II. {}"])
def test_headings_marked_by_hand_in_plain_text(mark: str) -> None:
    page = f"{TITLE}\nMarch 3, 2019\n\n{P1}\n\n{P2}\n\n{mark.format('The Upper Reach')}\n\n{P3}\n\n{P4}\n"
    doc = parse(page, "page")
    want = "II. The Upper Reach" if mark.startswith("II") else "The Upper Reach"
    assert [b.text for b in doc.blocks if b.kind == "heading"] == [want]
    check(doc, date="2019-03-03")


@pytest.mark.parametrize(
    ("line", "iso"),
    [("March 3,2019", "2019-03-03"), ("05-Mar-2019", "2019-03-05"), ("Mar-05-2019", "2019-03-05")],
)
def test_more_date_forms(line: str, iso: str) -> None:
    check(parse(f"{TITLE}\n{line}\n\n" + TEXT + "\n", "page"), date=iso)


def test_a_curators_note_under_the_title_is_not_the_article() -> None:
    page = f"{TITLE}\nBy Per Holm\nMarch 3, 2019\n\n{BLURB}\n\n" + TEXT + "\n"
    check(parse(page, "page"), date="2019-03-03", authors=("Per Holm",), absent=("Why we picked it",))


def test_a_vbulletin_style_thread() -> None:
    page = f"""Canal Talk Forums
Join Date: Jan 2012
Posts: 2,310
#1
{TITLE}
March 3, 2019

{TEXT}

#2
Join Date: Mar 2015
Posts: 88
Originally Posted by barge_fan
The upper reach is next.
Only if the ministry pays for it, and it has said nothing about that in two years of asking.
"""
    junk = ("Join Date", "Originally Posted", "two years of asking")
    check(parse(page, "page"), date="2019-03-03", absent=junk)


@pytest.mark.parametrize(
    "bio",
    [
        "About the author: Jane Roe is a senior fellow at the Institute for River Transport.",
        "Jane Roe (@janeroe) writes about rivers and ports for Canal Weekly.",
        "— Jane Roe is a former lock keeper who now writes about inland shipping.",
    ],
)
def test_an_authors_bio_in_its_usual_forms(bio: str) -> None:
    page = f"{TITLE}\nBy Jane Roe\nMarch 3, 2019\n\n" + TEXT + f"\n\n{bio}\n"
    check(parse(page, "page"), date="2019-03-03", authors=("Jane Roe",), absent=(bio[-20:],))


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("March 3, 2019 — Jane Roe, Canal Weekly", ("Jane Roe",)),
        ("Jane Roe — 3 March 2019", ("Jane Roe",)),
        ("By Jane Roe, March 3, 2019", ("Jane Roe",)),
        ("Monday, 03 March 2019 10:00 GMT+1", ()),
        ("Published 03.03.2019 – 10:00", ()),
    ],
)
def test_datelines_with_names_and_times(line: str, authors: tuple[str, ...]) -> None:
    check(
        parse(f"{TITLE}\n{line}\n\n" + TEXT + "\n", "page"),
        date="2019-03-03",
        authors=authors,
    )


def test_a_caption_ending_in_its_credit_is_a_caption_without_it() -> None:
    caption = "A barge in the new chamber on the lower canal on Monday."
    page = (
        f"{TITLE}\nMarch 3, 2019\n{caption} Photograph: Jane Doe/Canal Weekly\n\n"
        + "\n\n".join(ARTICLE)
        + "\n"
    )
    doc = parse(page, "page")
    assert [(b.kind, b.text) for b in doc.blocks if b.kind == "caption"] == [("caption", caption)]
    check(doc, date="2019-03-03", absent=("Photograph",))


@pytest.mark.parametrize(
    "turn_html",
    [
        "<p><strong>{name}</strong></p><p>{text}</p>",
        "<dl><dt>{name}</dt><dd>{text}</dd></dl>",
        "<p><b>{name}:</b> {text}</p>",
    ],
)
def test_html_transcript_layouts(turn_html: str) -> None:
    turns = "".join(turn_html.format(name=t.split(": ", 1)[0], text=t.split(": ", 1)[1]) for t in TURNS)
    html = (
        "<html><head><title>Episode 12: Locks and Barges</title></head><body><article>"
        "<h1>Episode 12: Locks and Barges</h1><p>March 3, 2019</p><p>Hosted by Ana Ruiz</p>"
        f"<h2>Transcript</h2>{turns}</article></body></html>"
    )
    doc = parse(read(html.encode(), "ep.html", ".html"), "ep")
    assert [b.text for b in doc.blocks if b.kind == "paragraph"] == TURNS
    assert doc.authors == ("Ana Ruiz",)


def test_a_byline_in_capitals_gives_the_name_as_written() -> None:
    page = f"{TITLE}\nBy JANE ROE\nMarch 3, 2019\n\n" + TEXT + "\n"
    check(parse(page, "page"), date="2019-03-03", authors=("Jane Roe",))


@pytest.mark.parametrize(
    ("header", "authors"),
    [
        ("{t}\nPosted 3 March 2019 by Jane Roe in Analysis", ("Jane Roe",)),
        ("{t}\n3 March 2019 | Jane Roe | 4 Comments", ("Jane Roe",)),
        ("Hello Guest! You are not logged in.\nLog in or register\n{t}\nMarch 3, 2019", ()),
        ("March 3, 2019\n{t}\nJane Roe", ("Jane Roe",)),
        ("ANALYSIS:\n{t}\nBy Jane Roe, Senior Fellow\nMarch 3, 2019", ("Jane Roe",)),
        ("{T}\n{t}\nMarch 3, 2019", ()),
        ("{t}\nUpdated March 5, 2019\nPublished March 3, 2019", ()),
        ("{t}\nBy\nJane Roe\nMarch 3, 2019", ("Jane Roe",)),
        ("{t}\nMarch 3, 2019\n12 shares\nTweet\nShare on Facebook", ()),
    ],
)
def test_header_layouts(header: str, authors: tuple[str, ...]) -> None:
    page = header.format(t=TITLE, T=TITLE.upper()) + "\n\n" + TEXT + "\n"
    check(parse(page, "page"), date="2019-03-03", authors=authors)


@pytest.mark.parametrize(
    "line",
    [
        "Par / By Jane Roe — Publié le 03/03/2019",
        "Por Jane Roe | Publicado el 3 March 2019",
        "By admin, March 3, 2019",
    ],
)
def test_bylines_in_two_languages_and_site_accounts(line: str) -> None:
    want = () if "admin" in line else ("Jane Roe",)
    check(parse(f"{TITLE}\n{line}\n\n" + TEXT + "\n", "page"), date="2019-03-03", authors=want)
