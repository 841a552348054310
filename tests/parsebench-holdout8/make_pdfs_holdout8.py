"""Build the eighth held-out set's three PDF pages from their golden files.

The writer is the one the held-out sets share (tests/report_pdf.py), imported rather than
copied; only the specs are this set's: a report with a title page, a contents page and
headings that open new pages; a brief whose table cells are separated only by spaces and
whose metadata title is a file name; and a policy brief whose long title and body share the
first page under a 'Microsoft Word - …' metadata title. Run by hand after changing a PDF
golden (needs fpdf2, which is not a qabot dependency):

    pip install fpdf2 && python tests/parsebench-holdout8/make_pdfs_holdout8.py

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
            name="whinchat-institute/lithium-triangle",
            header="Whinchat Institute | Critical Minerals Series No. 9",
            footer="{n}",
            cover=[
                ("WHINCHAT INSTITUTE", "B", 11),
                ("CRITICAL MINERALS SERIES No. 9", "", 10),
                ("", "", 14),
                ("Who Owns the Salt Flats? Lithium, the State and", "B", 18),
                ("Foreign Capital in Chile, Argentina and Bolivia", "B", 18),
                ("", "", 10),
                ("Valentina Soto and Henrik Aalto", "", 12),
                ("September 2024", "", 11),
            ],
            contact=[
                "Whinchat Institute, Keizersgracht 555, 1017 Amsterdam, The Netherlands",
                "+31 20 555 0148 | minerals@whinchat.example | www.whinchat.example",
            ],
            notes=[
                ("National Lithium Strategy", "Presented by the President of the Republic on 20 April 2023."),
                (
                    "challenged the agreement with the regulators",
                    "Complaint to the Comisión para el Mercado Financiero, 2024.",
                ),
                ("for thirty years", "Régimen de Incentivo para Grandes Inversiones, Law 27,742 of 2024."),
                ("with a Russian company", "Uranium One Group, agreement of December 2023."),
            ],
            contents=True,
            break_before=("Argentina: the provinces decide", "Recommendations"),
            meta_title="Who Owns the Salt Flats?",
            meta_author="Whinchat Institute",
            created=dt.datetime(2024, 9, 18, 7, 30, tzinfo=dt.timezone.utc),
        ),
        Spec(
            name="marabou-centre/taiwan-strait-exercises",
            header="Marabou Centre | Asia Security Brief 21",
            footer="Page {n}",
            cover=[
                ("MARABOU CENTRE FOR STRATEGIC STUDIES", "B", 11),
                ("ASIA SECURITY BRIEF 21", "", 10),
                ("", "", 14),
                ("Rehearsing a Blockade: China's Large Exercises", "B", 19),
                ("Around Taiwan, 2022-2024", "B", 19),
                ("", "", 10),
                ("Wen-Li Chou & Arjun Mehta", "", 12),
                ("November 2024", "", 11),
            ],
            contact=[
                "Marabou Centre for Strategic Studies, 55 Robinson Road, Singapore 068898",
                "+65 6555 0177 | briefs@marabou.example",
            ],
            notes=[
                (
                    "inside Japan's exclusive economic zone",
                    "Ministry of Defense of Japan, statement of 4 August 2022.",
                ),
                (
                    "recorded in October 2024",
                    "Taiwan Ministry of National Defense daily reports, 14-15 October 2024.",
                ),
            ],
            table_cols=(42.0, 40.0, 56.0),
            meta_title="ASB21_exercises_FINAL.docx",
            meta_author="wchou",
            created=dt.datetime(2024, 11, 5, 3, 0, tzinfo=dt.timezone.utc),
        ),
        Spec(
            name="dunlin-policy/mekong-dams",
            header="Dunlin Policy Lab | Policy Brief 2024/03",
            footer="- {n} -",
            cover=[
                ("POLICY BRIEF", "B", 10),
                ("", "", 8),
                ("Upstream Dams and Downstream Politics: How Water Data", "B", 15),
                ("Became a Test of Trust on the Mekong", "B", 15),
                ("", "", 6),
                ("Nguyen Thi Lan, Somchai Rattanakorn and Claire Beaumont", "", 11),
                ("15 March 2024", "", 10),
            ],
            contact=[
                "Dunlin Policy Lab, 555 Sukhumvit Road, Bangkok 10110, Thailand",
                "+66 2 555 0164 | lab@dunlin.example",
            ],
            notes=[
                (
                    "An independent study using satellite data",
                    "Published in 2020 with funding from a US government initiative.",
                ),
                (
                    "from two stations on the Lancang",
                    "Jinghong and Man'an, under an agreement of October 2020.",
                ),
            ],
            body_on_cover=True,
            meta_title="Microsoft Word - PB_2024_03_mekong.docx",
            meta_author="DPL",
            created=dt.datetime(2024, 3, 14, 10, 0, tzinfo=dt.timezone.utc),
        ),
    ]


if __name__ == "__main__":
    main(specs(), HERE)
