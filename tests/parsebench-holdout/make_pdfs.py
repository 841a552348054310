"""Build the held-out benchmark's PDF pages from their golden files.

Run by hand after changing a PDF golden (needs fpdf2, which is not a qabot dependency):

    pip install fpdf2 && python tests/parsebench-holdout/make_pdfs.py

The body text comes from the golden file, so a PDF and its expectation cannot drift apart.
The writer (what each spec's layout adds, reproducibly) is tests/report_pdf.py, shared
with the other held-out benchmark; this file lists this benchmark's reports.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
from tests.report_pdf import Spec, main  # noqa: E402

SPECS = [
    Spec(
        name="corran-foundation/amu-darya-after-rogun",
        header="Corran Foundation | Policy Brief 2019/07",
        footer="Page {n}",
        cover=[
            ("CORRAN FOUNDATION", "B", 11),
            ("Policy Brief 2019/07", "", 10),
            ("", "", 14),
            ("Water, Power and Cotton:", "B", 20),
            ("Managing the Amu Darya After Rogun", "B", 20),
            ("", "", 10),
            ("Dilnoza Karimova and Erik T. Halvorsen", "", 12),
            ("September 2019", "", 11),
        ],
        contact=[
            "Corran Foundation, 1750 K Street NW, Suite 300, Washington, DC 20006",
            "+1 202 555 0150 | www.corran.example",
        ],
        notes=[
            ("in November 2018", "The first of six turbines was commissioned on 16 November 2018."),
            ("since the 1960s", "Most estimates put the loss at about 90 percent of the original volume."),
            ("has limited authority", "The commission was set up under the 1992 Almaty agreement."),
            ("at 335 metres", "Techno-economic assessment studies published by the World Bank in 2014."),
        ],
        table_cols=(52.0, 56.0, 56.0),
        meta_title="Water, Power and Cotton: Managing the Amu Darya After Rogun",
        meta_author="Corran Foundation",
        created=dt.datetime(2019, 9, 12, 9, 0, tzinfo=dt.timezone.utc),
    ),
    Spec(
        name="corran-foundation/mexico-nearshoring-bottlenecks",
        header="Corran Foundation | Policy Brief 2024/03",
        footer="Page {n}",
        cover=[
            ("CORRAN FOUNDATION", "B", 11),
            ("Policy Brief 2024/03", "", 10),
            ("", "", 14),
            ("Nearshoring to Mexico:", "B", 20),
            ("The Promise and the Bottlenecks", "B", 20),
            ("", "", 10),
            ("Lucía Ibarra-Stone", "", 12),
            ("March 2024", "", 11),
        ],
        contact=[
            "Corran Foundation, 1750 K Street NW, Suite 300, Washington, DC 20006",
            "+1 202 555 0150 | www.corran.example",
        ],
        notes=[
            ("in two decades", "US Census Bureau, annual trade in goods by country, 2023."),
            ("reinvested earnings", "Secretaría de Economía, quarterly reports on foreign investment, 2023."),
            ("drought of 2022", "Water rationing in Monterrey lasted from June to October 2022."),
        ],
        table_cols=(86.0, 39.0, 39.0),
        contents=True,
        break_before=("Bottlenecks", "Outlook"),
        meta_title="Nearshoring to Mexico: The Promise and the Bottlenecks",
        meta_author="Corran Foundation",
        created=dt.datetime(2024, 3, 20, 15, 0, tzinfo=dt.timezone.utc),
    ),
    Spec(
        name="lowveld-policy-unit/cabo-delgado-after-palma",
        header="Lowveld Policy Unit | Occasional Brief 11 | October 2021",
        footer="{n}",
        cover=[
            ("LOWVELD POLICY UNIT  |  OCCASIONAL BRIEF 11", "B", 9),
            ("", "", 8),
            ("After Palma: Regional Forces, Gas and the", "B", 17),
            ("Limits of a Military Fix in Cabo Delgado", "B", 17),
            ("", "", 6),
            ("Thandeka Mokoena", "I", 11),
            ("October 2021", "", 10),
            ("", "", 6),
        ],
        contact=[
            "Lowveld Policy Unit, 211 Festival Street, Hatfield, Pretoria 0083, South Africa",
            "Tel +27 12 555 0146 | briefs@lowveld.example",
        ],
        notes=[
            ("in October 2017", "The first attacks took place on 5 October 2017."),
            ("Central Africa Province", "The United States designated the group as terrorist in March 2021."),
            ("than 800,000 people", "UN OCHA estimate, September 2021."),
        ],
        body_on_cover=True,
        meta_title="lpu_brief11_FINAL_v3",
        meta_author="admin",
        created=dt.datetime(2021, 10, 28, 7, 30, tzinfo=dt.timezone.utc),
    ),
]


if __name__ == "__main__":
    main(SPECS, HERE)
