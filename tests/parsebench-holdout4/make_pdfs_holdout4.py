"""Build the fourth held-out set's two PDF pages from their golden files.

The writer is the one the first two held-out sets share (tests/report_pdf.py), imported
rather than copied; only the specs (title page, running header, footnotes, a table,
a contents page, a junk metadata title) are this set's. Run by hand after changing a PDF
golden (needs fpdf2, which is not a qabot dependency):

    pip install fpdf2 && python tests/parsebench-holdout4/make_pdfs_holdout4.py

Output is deterministic: core fonts, fixed creation dates.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
from tests.report_pdf import Spec, main  # noqa: E402

CONTACT = [
    "Larkspur Centre for Trade Policy, 9 Rue de Lausanne, 1201 Geneva, Switzerland",
    "+41 22 555 0177 | briefs@larkspur.example",
]


def specs() -> list[Spec]:
    return [
        Spec(
            name="larkspur-centre/red-sea-shipping-diversions",
            header="Larkspur Centre | Trade Brief 2024/02",
            footer="Page {n}",
            cover=[
                ("LARKSPUR CENTRE FOR TRADE POLICY", "B", 11),
                ("Trade Brief 2024/02", "", 10),
                ("", "", 14),
                ("Red Sea Diversions:", "B", 20),
                ("What the Houthi Campaign Costs World Trade", "B", 20),
                ("", "", 10),
                ("Helena Marsh and Omar Bakri", "", 12),
                ("February 2024", "", 11),
            ],
            contact=CONTACT,
            notes=[
                ("around the Cape of Good Hope", "Carriers began rerouting in mid-December 2023."),
                ("by a similar share", "Suez Canal Authority statements, January and February 2024."),
                ("a separate European mission", "Operation Aspides, launched by the EU on 19 February 2024."),
            ],
            table_cols=(80.0, 43.0, 43.0),
            meta_title="Red Sea Diversions",
            meta_author="Larkspur Centre",
            created=dt.datetime(2024, 2, 27, 10, 0, tzinfo=dt.timezone.utc),
        ),
        Spec(
            name="larkspur-centre/baltic-grid-synchronisation",
            header="Larkspur Centre | Trade Brief 2025/03",
            footer="Page {n}",
            cover=[
                ("LARKSPUR CENTRE FOR TRADE POLICY", "B", 11),
                ("Trade Brief 2025/03", "", 10),
                ("", "", 14),
                ("Leaving BRELL: The Baltic Grid Switch", "B", 20),
                ("and the Security of Undersea Links", "B", 20),
                ("", "", 10),
                ("Helena Marsh", "", 12),
                ("March 2025", "", 11),
            ],
            contact=CONTACT,
            notes=[
                ("since Soviet times", "BRELL: the ring of Belarus, Russia, Estonia, Latvia and Lithuania."),
                ("in December 2024", "Finland detained the tanker Eagle S on 26 December 2024."),
            ],
            contents=True,
            break_before=("A fragile seabed", "Recommendations"),
            meta_title="larkspur_tb_2025_03_final.docx",
            meta_author="Larkspur Centre",
            created=dt.datetime(2025, 3, 18, 9, 30, tzinfo=dt.timezone.utc),
        ),
    ]


if __name__ == "__main__":
    main(specs(), HERE)
