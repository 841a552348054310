"""Build the eleventh held-out set's three PDF pages from their golden files.

The writer is the one the held-out sets share (tests/report_pdf.py), imported rather than
copied; only the specs are this set's: a consultancy client note with a cover page and a
whole disclaimer page before the body; a journal article set in two columns whose body
starts on the first page; and a working paper whose title is in the PDF metadata only.
Run by hand after changing a PDF golden (needs fpdf2, which is not a qabot dependency):

    pip install fpdf2 && python tests/parsebench-holdout11/make_pdfs_holdout11.py

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
            name="tarsier-advisory/south-china-sea-client-note",
            header="Tarsier Advisory | Client Note 2024-11",
            footer="Page {n}",
            cover=[
                ("TARSIER ADVISORY", "B", 11),
                ("CLIENT NOTE | CONFIDENTIAL", "", 10),
                ("", "", 14),
                ("Second Thomas Shoal and the Risk", "B", 19),
                ("to Philippine Trade", "B", 19),
                ("", "", 10),
                ("Maria Santos-Reyes and Daniel Lim", "", 12),
                ("July 2024", "", 11),
            ],
            contact=[
                "Tarsier Advisory, 55 Ayala Avenue, Makati City, Metro Manila, Philippines",
                "+63 2 555 0148 | clients@tarsier.example",
            ],
            disclaimer=[
                "Important notice",
                "This note has been prepared by Tarsier Advisory for the exclusive use of its clients"
                " and may not be passed on, in whole or in part, without our written consent. It is"
                " based on public sources and on conversations with people we consider reliable, but"
                " we do not guarantee its accuracy or completeness.",
                "Nothing in this note is legal, insurance or investment advice. Clients should take"
                " their own professional advice before acting on any view expressed here. Tarsier"
                " Advisory accepts no liability for any loss arising from the use of this note.",
            ],
            notes=[
                (
                    "boarding with bladed weapons",
                    "Incident of 17 June 2024, reported by the Armed Forces of the Philippines.",
                ),
                ("expanded to nine in 2023", "Four new sites were announced in April 2023."),
            ],
            meta_title="TA_CN_2024-11_final",
            meta_author="dlim",
            created=dt.datetime(2024, 7, 26, 3, 15, tzinfo=dt.timezone.utc),
        ),
        Spec(
            name="kulan-review/european-defence-spending",
            header="Kulan Review 9(2) | Vogel and Wrona",
            footer="{n}",
            cover=[
                ("KULAN REVIEW OF EUROPEAN SECURITY", "B", 10),
                ("Vol. 9, No. 2", "", 9),
                ("", "", 8),
                ("Europe's Rearmament Arithmetic", "B", 17),
                ("", "", 6),
                ("Katrin Vogel and Tomasz Wrona", "", 11),
                ("19 May 2025", "", 10),
            ],
            contact=["Kulan Review, 55 Rue de la Loi, 1040 Brussels, Belgium | review@kulan.example"],
            columns=2,
            body_on_cover=True,
            meta_title="Europe's Rearmament Arithmetic",
            meta_author="Katrin Vogel; Tomasz Wrona",
            created=dt.datetime(2025, 5, 18, 12, 0, tzinfo=dt.timezone.utc),
        ),
        Spec(
            name="chital-papers/indus-waters-treaty-suspension",
            header="Chital Papers | Working paper 12",
            footer="{n}",
            cover=[
                ("CHITAL PAPERS ON SOUTH ASIA", "B", 10),
                ("Working paper 12", "", 9),
                ("", "", 6),
                ("Farah Qureshi", "", 11),
            ],
            contact=["Chital Papers, 55 Mall Road, Lahore, Pakistan | +92 42 555 0163"],
            notes=[
                ("near Pahalgam in Kashmir", "The attack of 22 April 2025 killed 26 people."),
                ("asked in 2023 to renegotiate", "Notice sent under Article XII(3) in January 2023."),
            ],
            body_on_cover=True,
            meta_title="After the Suspension: Can the Indus Waters Treaty Be Saved?",
            meta_author="Farah Qureshi",
            created=dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.timezone.utc),
        ),
    ]


if __name__ == "__main__":
    main(specs(), HERE)
