"""Build the round-15 development set's PDF pages from their golden files.

The writer is the one the parse benchmarks share (tests/report_pdf.py), imported rather than
copied; only the specs are this set's: a policy brief with a title page, a contents page,
footnotes and a four-column table; a research note whose body starts on its title page and
whose metadata title is a file name; and a quarterly's article set in two columns after its title page.
Run by hand after changing a PDF golden (needs fpdf2, which is not a qabot dependency):

    pip install fpdf2 && python tests/parsebench-round15/make_pdfs_round15.py

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
    """The reports, each with the features its golden's note describes."""
    return [
        Spec(
            name="oakmoss-papers/cabo-delgado-lng-restart",
            header="Oakmoss Papers | Policy Brief 7",
            footer="{n}",
            cover=[
                ("OAKMOSS PAPERS", "B", 11),
                ("Policy Brief 7 | Southern Africa Programme", "", 10),
                ("", "", 14),
                ("Restarting Mozambique LNG:", "B", 19),
                ("Security First, or Gas First?", "B", 19),
                ("", "", 10),
                ("Helena Machava and Rui Tembe", "", 12),
                ("June 2024", "", 11),
            ],
            contact=[
                "Oakmoss Papers, 55 Avenida Julius Nyerere, Maputo, Mozambique | briefs@oakmoss.example",
            ],
            notes=[
                ("declared force majeure in April", "Company statement of 26 April 2021."),
                ("under a bilateral agreement", "The text of the agreement has not been published."),
            ],
            table_cols=(48.0, 38.0, 34.0, 46.0),
            contents=True,
            meta_title="Restarting Mozambique LNG",
            meta_author="Oakmoss Papers",
            created=dt.datetime(2024, 6, 20, 8, 0, tzinfo=dt.timezone.utc),
        ),
        Spec(
            name="sequoia-institute/taiwan-2024-election-note",
            header="Sequoia Institute | Research Note 2024/03",
            footer="Page {n}",
            cover=[
                ("SEQUOIA INSTITUTE", "B", 11),
                ("RESEARCH NOTE", "", 10),
                ("", "", 8),
                ("Taiwan's Divided Verdict: Lai Wins, the Legislature Splits", "B", 15),
                ("", "", 6),
                ("Chen Mei-ling", "", 11),
                ("16 January 2024", "", 10),
            ],
            contact=[
                "Sequoia Institute, 55 Orchard Road, Singapore | +65 6555 0129 | notes@sequoia.example",
            ],
            notes=[
                ("lower than in 2020", "Central Election Commission, final count."),
                ("did not represent mainstream opinion", "Taiwan Affairs Office, 13 January 2024."),
            ],
            table_cols=(50.0, 30.0, 30.0),
            body_on_cover=True,
            meta_title="SI_RN_2024_03_v2",
            meta_author="cml",
            created=dt.datetime(2024, 1, 16, 2, 30, tzinfo=dt.timezone.utc),
        ),
        Spec(
            name="olive-quarterly/ghana-cocoa-crisis",
            header="Olive Quarterly 6(4) | Asante and Mensah",
            footer="{n}",
            cover=[
                ("OLIVE QUARTERLY", "B", 11),
                ("Vol. 6, No. 4", "", 9),
                ("", "", 10),
                ("Why Ghana's Cocoa Harvest Collapsed", "B", 18),
                ("", "", 8),
                ("Kwame Asante (University of Ghana) and Efua Mensah (Olive Quarterly)", "", 10),
                ("9 December 2024", "", 10),
            ],
            contact=["Olive Quarterly, 55 Independence Avenue, Accra, Ghana | editors@olive.example"],
            notes=[
                (
                    "more than half that level",
                    "Ghana Cocoa Board, purchases for the 2023/24 main and light crops.",
                ),
                ("documented mining spreading", "See the surveys cited in the online appendix."),
            ],
            columns=2,
            meta_title="Why Ghana's Cocoa Harvest Collapsed",
            meta_author="Kwame Asante; Efua Mensah",
            created=dt.datetime(2024, 12, 8, 10, 0, tzinfo=dt.timezone.utc),
        ),
    ]


if __name__ == "__main__":
    main(specs(), HERE)
