"""Build the tenth held-out set's three PDF pages from their golden files.

The writer is the one the held-out sets share (tests/report_pdf.py), imported rather than
copied; only the specs are this set's: a security paper with a title page, a contents page,
footnotes and headings that open new pages; an energy brief whose interconnector table is
set in columns separated only by spaces, under a file-name metadata title; and a debt note
whose body starts on the first page under a metadata title that matches the printed one.
Run by hand after changing a PDF golden (needs fpdf2, which is not a qabot dependency):

    pip install fpdf2 && python tests/parsebench-holdout10/make_pdfs_holdout10.py

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
            name="megapode-institute/compacts-of-free-association",
            header="Megapode Institute | Pacific Security Paper 7",
            footer="{n}",
            cover=[
                ("MEGAPODE INSTITUTE", "B", 11),
                ("PACIFIC SECURITY PAPER 7", "", 10),
                ("", "", 14),
                ("Compacts Renewed: The Freely Associated States", "B", 18),
                ("and American Power in the North Pacific", "B", 18),
                ("", "", 10),
                ("Leilani Kaipo and Isaac Ngirmang", "", 12),
                ("June 2024", "", 11),
            ],
            contact=[
                "Megapode Institute, 555 Kapiolani Boulevard, Honolulu, HI 96813",
                "+1 808 555 0136 | papers@megapode.example | www.megapode.example",
            ],
            notes=[
                ("as part of a spending law", "Consolidated Appropriations Act, 2024, signed in March 2024."),
                ("over-the-horizon radar", "Tactical Multi-Mission Over-the-Horizon Radar (TACMOR)."),
                ("between 1946 and 1958", "Including the Castle Bravo test at Bikini Atoll on 1 March 1954."),
                (
                    "restored their access in 2020",
                    "Consolidated Appropriations Act, 2021, signed 27 December 2020.",
                ),
            ],
            contents=True,
            break_before=("What the renewal did not settle", "Recommendations"),
            meta_title="Compacts Renewed",
            meta_author="Megapode Institute",
            created=dt.datetime(2024, 6, 20, 8, 0, tzinfo=dt.timezone.utc),
        ),
        Spec(
            name="capercaillie-energy/baltic-grid-synchronisation",
            header="Capercaillie Energy | Energy Security Brief 2025/1",
            footer="[{n}]",
            cover=[
                ("CAPERCAILLIE ENERGY", "B", 11),
                ("ENERGY SECURITY BRIEF 2025/1", "", 10),
                ("", "", 14),
                ("Leaving BRELL: How the Baltic States Joined", "B", 19),
                ("the European Power Grid", "B", 19),
                ("", "", 10),
                ("Andrius Petrauskas & Liene Berzina", "", 12),
                ("February 2025", "", 11),
            ],
            contact=[
                "Capercaillie Energy, Gedimino pr. 55, LT-01103 Vilnius, Lithuania",
                "+370 5 555 0121 | briefs@capercaillie.example",
                "Source: transmission system operators (Elering, AST, Litgrid); capacities rounded.",
            ],
            notes=[
                (
                    "in an emergency procedure in March 2022",
                    "Synchronisation of Ukraine and Moldova with ENTSO-E, 16 March 2022.",
                ),
            ],
            table_cols=(36.0, 50.0, 30.0, 30.0),
            meta_title="ESB_2025-1_sync_v4",
            meta_author="apetrauskas",
            created=dt.datetime(2025, 2, 17, 9, 30, tzinfo=dt.timezone.utc),
        ),
        Spec(
            name="lechwe-research/zambia-debt-restructuring",
            header="Lechwe Research - Sovereign Debt Notes No. 4",
            footer="Lechwe Research | {n}",
            cover=[
                ("LECHWE RESEARCH", "B", 10),
                ("SOVEREIGN DEBT NOTES No. 4", "", 9),
                ("", "", 8),
                ("Zambia After Default: What the Debt Deal Fixes", "B", 16),
                ("and What It Leaves Open", "B", 16),
                ("", "", 6),
                ("Chanda Mwale", "", 11),
                ("3 July 2024", "", 10),
            ],
            contact=[
                "Lechwe Research, 55 Cairo Road, Lusaka, Zambia",
                "+260 211 555 017 | notes@lechwe.example",
            ],
            notes=[
                (
                    "to restructure about 6.3 billion dollars of loans",
                    "Official Creditor Committee, statement of 22 June 2023.",
                ),
                (
                    "approved in 2022",
                    "Extended Credit Facility of about 1.3 billion dollars, approved 31 August 2022.",
                ),
            ],
            body_on_cover=True,
            meta_title="Zambia After Default: What the Debt Deal Fixes and What It Leaves Open",
            meta_author="Chanda Mwale",
            created=dt.datetime(2024, 7, 2, 14, 0, tzinfo=dt.timezone.utc),
        ),
    ]


if __name__ == "__main__":
    main(specs(), HERE)
