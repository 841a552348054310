"""Build the ninth held-out set's three PDF pages from their golden files.

The writer is the one the held-out sets share (tests/report_pdf.py), imported rather than
copied; only the specs are this set's: a connectivity paper with a title page, a contents
page, headings that open new pages and page-foot notes; a trade brief whose table cells are
separated only by spaces and whose metadata title is a file name; and a note whose 17-word
title and body share the first page under a 'Microsoft Word - …' metadata title. Run by hand
after changing a PDF golden (needs fpdf2, which is not a qabot dependency):

    pip install fpdf2 && python tests/parsebench-holdout9/make_pdfs_holdout9.py

Output is deterministic: core fonts, fixed creation dates.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
from tests.report_pdf import Spec, main  # noqa: E402


def specs() -> list[Spec]:
    """The three reports, each with the features its golden's note describes."""
    return [
        Spec(
            name="ibisbill-institute/middle-corridor-bottlenecks",
            header="Ibisbill Institute | Connectivity Papers No. 6",
            footer="{n}",
            cover=[
                ("IBISBILL INSTITUTE", "B", 11),
                ("CONNECTIVITY PAPERS No. 6", "", 10),
                ("", "", 14),
                ("The Middle Corridor after 2022: Bottlenecks", "B", 18),
                ("on the Road Around Russia", "B", 18),
                ("", "", 10),
                ("Nurlan Abenov and Greta Sandberg", "", 12),
                ("June 2024", "", 11),
            ],
            contact=[
                "Ibisbill Institute, Rämistrasse 555, 8001 Zurich, Switzerland",
                "+41 44 555 01 73 | connect@ibisbill.example",
            ],
            notes=[
                ("roughly doubled in 2022", "Figures of the route's international association, 2023."),
                ("which has been falling for years", "Kazakh and Azerbaijani hydrological services, 2023."),
                ("about 10 billion euros", "Investors' forum of 29-30 January 2024, Brussels."),
            ],
            contents=True,
            break_before=("Who is paying", "Conclusions"),
            meta_title="The Middle Corridor after 2022",
            meta_author="Ibisbill Institute",
            created=dt.datetime(2024, 6, 20, 8, 0, tzinfo=dt.timezone.utc),
        ),
        Spec(
            name="jerboa-council/panama-canal-drought",
            header="Jerboa Council on Trade | Trade Routes Brief 14",
            footer="p. {n}",
            cover=[
                ("JERBOA COUNCIL ON TRADE", "B", 11),
                ("TRADE ROUTES BRIEF 14", "", 10),
                ("", "", 14),
                ("When the Lake Runs Low: Drought and the Panama Canal", "B", 17),
                ("", "", 10),
                ("Camila Ortega & Ruben Vos", "", 12),
                ("26 August 2024", "", 11),
            ],
            contact=[
                "Jerboa Council on Trade, Keizerstraat 555, 2000 Antwerp, Belgium",
                "+32 3 555 01 66 | routes@jerboa.example",
            ],
            notes=[
                ("from Gatun Lake", "Panama Canal Authority, water management figures."),
                ("around the Cape of Good Hope", "Ship-tracking data of several brokers, early 2024."),
            ],
            table_cols=(90.0, 50.0),
            meta_title="TRB14_panama_v3_final.docx",
            meta_author="cortega",
            created=dt.datetime(2024, 8, 26, 6, 0, tzinfo=dt.timezone.utc),
        ),
        Spec(
            name="kudu-research/moldova-referendum-2024",
            header="Kudu Research Group | Eastern Europe Note 2024/11",
            footer="- {n} -",
            cover=[
                ("EASTERN EUROPE NOTE", "B", 10),
                ("", "", 8),
                ("A Constitution for Europe by a Whisker: What Moldova's October", "B", 14),
                ("2024 Referendum and Presidential Vote Tell Us", "B", 14),
                ("", "", 6),
                ("Irina Ciobanu and Mark Lowell", "", 11),
                ("12 November 2024", "", 10),
            ],
            contact=[
                "Kudu Research Group, Strada 555, Chisinau MD-2001, Moldova",
                "+373 22 555 019 | notes@kudu.example",
            ],
            notes=[
                (
                    "a far narrower margin than the polls had suggested",
                    "Central Electoral Commission, final results.",
                ),
                ("through a Russian bank", "Statements of the National Police of Moldova, October 2024."),
            ],
            body_on_cover=True,
            meta_title="Microsoft Word - EEN_2024_11_moldova.docx",
            meta_author="KRG",
            created=dt.datetime(2024, 11, 11, 15, 0, tzinfo=dt.timezone.utc),
        ),
    ]


if __name__ == "__main__":
    main(specs(), HERE)
