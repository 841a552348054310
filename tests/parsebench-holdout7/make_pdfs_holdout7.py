"""Build the seventh held-out set's three PDF pages from their golden files.

The writer is the one the held-out sets share (tests/report_pdf.py), imported rather than
copied; only the specs are this set's: a title page with a contents page and page breaks, a
table brief whose metadata title is a file name, and a briefing whose ALL CAPS title and body
share the first page. Run by hand after changing a PDF golden (needs fpdf2, which is not a
qabot dependency):

    pip install fpdf2 && python tests/parsebench-holdout7/make_pdfs_holdout7.py

Output is deterministic: core fonts, fixed creation dates.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
from tests.report_pdf import Spec, main  # noqa: E402

RIVERBEND = [
    "Riverbend Institute for Resource Security, Schwedenplatz 2, 1010 Vienna, Austria",
    "+43 1 555 0104 | papers@riverbend.example | www.riverbend.example",
]


def specs() -> list[Spec]:
    """The three reports, each with the features its golden's note describes."""
    return [
        Spec(
            name="riverbend-institute/central-asia-water-kambarata",
            header="Riverbend Institute | Resource Security Paper 7",
            footer="- {n} -",
            cover=[
                ("RIVERBEND INSTITUTE FOR RESOURCE SECURITY", "B", 11),
                ("Resource Security Paper 7", "", 10),
                ("", "", 14),
                ("Dams, Canals and Thirst: Water and Power in", "B", 19),
                ("Central Asia After the Kambarata Agreement", "B", 19),
                ("", "", 10),
                ("Aziza Karimova and Lukas Brenner", "", 12),
                ("June 2024", "", 11),
            ],
            contact=RIVERBEND,
            notes=[
                ("downstream gas and coal", "Formalised in a 1998 agreement that lapsed in practice."),
                ("signed a roadmap in January 2023", "Signed by the three energy ministers."),
                ("half a million hectares", "Figures from the Afghan authorities, as reported in 2023."),
                ("since the 1960s", "Estimates differ by basin; most report losses of a quarter or more."),
            ],
            contents=True,
            break_before=("The Qosh Tepa canal", "Recommendations"),
            meta_title="Dams, Canals and Thirst",
            meta_author="Riverbend Institute",
            created=dt.datetime(2024, 6, 12, 8, 0, tzinfo=dt.timezone.utc),
        ),
        Spec(
            name="riverbend-institute/italy-albania-migration-centres",
            header="Riverbend Institute | Migration Brief 12",
            footer="Page {n}",
            cover=[
                ("RIVERBEND INSTITUTE FOR RESOURCE SECURITY", "B", 11),
                ("Migration Brief 12", "", 10),
                ("", "", 14),
                ("Offshore Asylum in Practice: The First Months", "B", 19),
                ("of Italy's Centres in Albania", "B", 19),
                ("", "", 10),
                ("Chiara Benedetti", "", 12),
                ("December 2024", "", 11),
            ],
            contact=RIVERBEND,
            notes=[
                ("signed a protocol", "Italy-Albania protocol, Rome, 6 November 2023."),
                ("4 October", "Case C-406/22, judgment of 4 October 2024."),
            ],
            table_cols=(90.0, 76.0),
            meta_title="mb12_albania_final_rev2.docx",
            meta_author="cbenedetti",
            created=dt.datetime(2024, 12, 16, 14, 0, tzinfo=dt.timezone.utc),
        ),
        Spec(
            name="tundra-council/greenland-minerals-security",
            header="Tundra Council Briefing No. 3/2025",
            footer="{n}",
            cover=[
                ("Tundra Council Briefing No. 3/2025", "", 10),
                ("", "", 8),
                ("GREENLAND BETWEEN WASHINGTON, COPENHAGEN AND NUUK", "B", 15),
                ("", "", 6),
                ("Malik Lynge & Sofie Andersen", "", 11),
                ("February 2025", "", 10),
            ],
            contact=[
                "Tundra Council on Arctic Affairs, Aqqusinersuaq 18, 3900 Nuuk, Greenland",
                "+299 55 5012 | council@tundra.example",
            ],
            notes=[
                ("under the Self-Government Act", "Act no. 473 of 12 June 2009."),
                ("banned the mining of uranium", "The act was passed by the Inatsisartut in November 2021."),
            ],
            body_on_cover=True,
            meta_title="Microsoft Word - TC_brief_3_2025_v4.docx",
            meta_author="TC",
            created=dt.datetime(2025, 2, 4, 9, 0, tzinfo=dt.timezone.utc),
        ),
    ]


if __name__ == "__main__":
    main(specs(), HERE)
