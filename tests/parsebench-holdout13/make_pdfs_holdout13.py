"""Build the thirteenth held-out set's three PDF pages from their golden files.

The writer is the one the held-out sets share (tests/report_pdf.py), imported rather than
copied; only the specs are this set's: a policy brief with a cover page, a contents page and
a table; a working paper with footnotes and a disclaimer line on its cover; and a journal
article set in two columns whose body starts on the first page.
Run by hand after changing a PDF golden (needs fpdf2, which is not a qabot dependency):

    pip install fpdf2 && python tests/parsebench-holdout13/make_pdfs_holdout13.py

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
            name="olympus-institute/greek-referendum-brief",
            header="Olympus Institute | Policy Brief 7/2015",
            footer="{n}",
            cover=[
                ("OLYMPUS INSTITUTE FOR EUROPEAN POLICY", "B", 10),
                ("POLICY BRIEF No. 7/2015", "", 9),
                ("", "", 12),
                ("Greece Before the Referendum:", "B", 18),
                ("Banks, Debt and the Euro", "B", 18),
                ("", "", 8),
                ("Eleni Papadaki and Nikos Andreou", "", 11),
                ("2 July 2015", "", 10),
            ],
            contact=[
                "Olympus Institute, 55 Vasilissis Sofias Avenue, 106 76 Athens | +30 21 0555 0181",
            ],
            contents=True,
            table_cols=(110.0, 40.0),
            meta_title="Microsoft Word - PB_7_2015_referendum_v3.docx",
            meta_author="epapadaki",
            created=dt.datetime(2015, 7, 2, 8, 30, tzinfo=dt.timezone.utc),
        ),
        Spec(
            name="annapurna-research/nepal-gen-z-uprising",
            header="Annapurna Research | WP 31 | Gurung",
            footer="Page {n}",
            cover=[
                ("ANNAPURNA RESEARCH", "B", 11),
                ("Working Paper Series No. 31", "", 10),
                ("", "", 14),
                ("Two Days in September: Nepal's Gen Z", "B", 17),
                ("Uprising and the Interim Government", "B", 17),
                ("", "", 10),
                ("Sunita Gurung", "", 12),
                ("October 2025", "", 11),
            ],
            contact=[
                "Annapurna Research, Jhamsikhel 55, Lalitpur, Nepal | +977 1 555 0127",
                "The views in this paper are the author's and not those of Annapurna Research.",
            ],
            notes=[
                (
                    "ban on social media platforms",
                    "Blocking began on 4 September 2025, when a registration deadline passed.",
                ),
                (
                    "Nineteen people were killed that day",
                    "Toll reported by the authorities on the evening of 8 September.",
                ),
                ("on 12 September", "She was sworn in by President Ram Chandra Paudel the same evening."),
            ],
            meta_title="Two Days in September: Nepal's Gen Z Uprising and the Interim Government",
            meta_author="Sunita Gurung",
            created=dt.datetime(2025, 10, 20, 5, 0, tzinfo=dt.timezone.utc),
        ),
        Spec(
            name="rwenzori-review/east-african-pipeline",
            header="Rwenzori Review 4(1) | Nakato and Mrema",
            footer="{n}",
            cover=[
                ("RWENZORI REVIEW OF EAST AFRICAN AFFAIRS", "B", 10),
                ("Vol. 4, No. 1", "", 9),
                ("", "", 8),
                ("The Pipeline That Would Not Wait", "B", 17),
                ("", "", 6),
                ("Grace Nakato and Joseph Mrema", "", 11),
                ("14 March 2024", "", 10),
            ],
            contact=["Rwenzori Review, 55 Kampala Road, Kampala, Uganda | editors@rwenzori.example"],
            columns=2,
            body_on_cover=True,
            meta_title="The Pipeline That Would Not Wait",
            meta_author="Grace Nakato; Joseph Mrema",
            created=dt.datetime(2024, 3, 13, 10, 0, tzinfo=dt.timezone.utc),
        ),
    ]


if __name__ == "__main__":
    main(specs(), HERE)
