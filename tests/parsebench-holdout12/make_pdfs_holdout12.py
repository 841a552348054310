"""Build the twelfth held-out set's three PDF pages from their golden files.

The writer is the one the held-out sets share (tests/report_pdf.py), imported rather than
copied; only the specs are this set's: a think-tank paper with a cover page, a contents page
and footnotes; a journal article whose body starts on the first page and carries a table of
duty rates; and a short policy brief whose PDF metadata title is a file name.
Run by hand after changing a PDF golden (needs fpdf2, which is not a qabot dependency):

    pip install fpdf2 && python tests/parsebench-holdout12/make_pdfs_holdout12.py

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
            name="gharial-institute/drc-cobalt-export-quotas",
            header="Gharial Institute | Rationing the World's Cobalt",
            footer="{n}",
            cover=[
                ("GHARIAL INSTITUTE", "B", 11),
                ("Resource Governance Series | Paper 7", "", 10),
                ("", "", 14),
                ("Rationing the World's Cobalt:", "B", 19),
                ("Congo's Export Quotas and Their Limits", "B", 19),
                ("", "", 10),
                ("Esther Mbuyi and Lukas Brandt", "", 12),
                ("October 2025", "", 11),
            ],
            contact=[
                "Gharial Institute, 55 Avenue de la Justice, Gombe, Kinshasa | +243 81 555 0129 |"
                " www.gharial.example",
            ],
            notes=[
                ("lowest level in about nine years", "Benchmark prices quoted by trade publications."),
                (
                    "strategic purposes decided by the state",
                    "Part of the annual total is set aside for allocation by the regulator.",
                ),
            ],
            contents=True,
            meta_title="GI_RGS7_cobalt_v3",
            meta_author="lbrandt",
            created=dt.datetime(2025, 10, 20, 8, 30, tzinfo=dt.timezone.utc),
        ),
        Spec(
            name="dikdik-quarterly/eu-tariffs-chinese-evs",
            header="Dikdik Quarterly 11(4) | Keller",
            footer="{n}",
            cover=[
                ("DIKDIK QUARTERLY | TRADE & INDUSTRY", "B", 10),
                ("", "", 8),
                ("Brussels Draws a Line on Chinese Electric Cars", "B", 17),
                ("", "", 6),
                ("Hanna Keller", "", 11),
                ("4 November 2024", "", 10),
            ],
            contact=["Dikdik Quarterly, 55 Kärntner Ring, 1010 Vienna, Austria | editors@dikdik.example"],
            notes=[
                (
                    "threaten to injure European manufacturers",
                    "The Commission's provisional duties had applied since July 2024.",
                ),
            ],
            table_cols=(95.0, 40.0),
            body_on_cover=True,
            meta_title="Brussels Draws a Line on Chinese Electric Cars",
            meta_author="Hanna Keller",
            created=dt.datetime(2024, 11, 3, 16, 0, tzinfo=dt.timezone.utc),
        ),
        Spec(
            name="nyala-briefs/haiti-kenya-police-mission",
            header="Nyala Briefs | No. 23 | June 2024",
            footer="{n}",
            cover=[
                ("NYALA BRIEFS | Security and Development", "B", 10),
                ("Brief No. 23", "", 9),
                ("", "", 6),
                ("Kenya's Police in Haiti: A Mission Built on Thin Foundations", "B", 15),
                ("", "", 6),
                ("Grace Achieng", "", 11),
                ("28 June 2024", "", 10),
            ],
            contact=[
                "Nyala Briefs, 55 Waiyaki Way, Westlands, Nairobi | +254 20 555 0155 | briefs@nyala.example"
            ],
            notes=[
                (
                    "Multinational Security Support mission",
                    "Security Council resolution 2699 of October 2023.",
                ),
            ],
            body_on_cover=True,
            meta_title="brief23_haiti_FINAL.docx",
            meta_author="gachieng",
            created=dt.datetime(2024, 6, 28, 5, 45, tzinfo=dt.timezone.utc),
        ),
    ]


if __name__ == "__main__":
    main(specs(), HERE)
