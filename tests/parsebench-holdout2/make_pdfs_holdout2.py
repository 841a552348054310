"""Build the second held-out benchmark's PDF pages from their golden files.

Run by hand after changing a PDF golden (needs fpdf2, which is not a qabot dependency):

    pip install fpdf2 && python tests/parsebench-holdout2/make_pdfs_holdout2.py

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
        name="kilnworth-institute/balticconnector-seabed-lessons",
        header="Kilnworth Institute | Security Brief 23/09",
        footer="Page {n}",
        cover=[
            ("KILNWORTH INSTITUTE", "B", 11),
            ("Security Brief 23/09", "", 10),
            ("", "", 14),
            ("Anchors and Deniability:", "B", 16),
            ("What the Balticconnector Damage Teaches NATO", "B", 16),
            ("About Guarding Baltic Pipes and Cables", "B", 16),
            ("", "", 10),
            ("Cmdr. Jonas Virtanen, Finnish Navy (Ret.), Kaja Saar, and Rasmus Lindgaard", "", 10),
            ("November 2023", "", 11),
        ],
        contact=[
            "Kilnworth Institute, 9 Carlton Gardens, London SW1Y 5AA",
            "+44 20 5550 0175 | info@kilnworth.example",
        ],
        notes=[
            ("out of service for months", "Repairs were first expected to take until April 2024."),
            ("to Arkhangelsk", "Finnish National Bureau of Investigation, statement of 24 October 2023."),
            ("at any moment", "Estimate based on average traffic data for the Baltic Sea."),
        ],
        meta_title="SB23-09_final_print",
        meta_author="Kilnworth Institute",
        created=dt.datetime(2023, 11, 20, 10, 0, tzinfo=dt.timezone.utc),
    ),
    Spec(
        name="kilnworth-institute/india-rice-export-curbs",
        header="Kilnworth Institute | Economic Brief 23/07",
        footer="Page {n}",
        cover=[
            ("KILNWORTH INSTITUTE", "B", 11),
            ("Economic Brief 23/07", "", 10),
            ("", "", 14),
            ("India's Rice Curbs and the Cost of", "B", 20),
            ("Food Security Abroad", "B", 20),
            ("", "", 10),
            ("Meera Pillai", "", 12),
            ("September 2023", "", 11),
        ],
        contact=[
            "Kilnworth Institute, 9 Carlton Gardens, London SW1Y 5AA",
            "+44 20 5550 0175 | info@kilnworth.example",
        ],
        notes=[
            ("above 12 percent", "Consumer price index for cereals, July 2023."),
            ("in September 2022", "Directorate General of Foreign Trade, 8 September 2022."),
            ("a year earlier", "FAO Food Price Monitoring, September 2023."),
        ],
        table_cols=(62.0, 38.0, 66.0),
        meta_title="EB23-07",
        meta_author="Kilnworth Institute",
        created=dt.datetime(2023, 9, 18, 9, 0, tzinfo=dt.timezone.utc),
    ),
    Spec(
        name="sundial-policy/m23-eastern-congo",
        header="Sundial Policy Centre - Briefing Note 4/2023",
        footer="{n}",
        cover=[
            ("SUNDIAL POLICY CENTRE", "B", 10),
            ("Briefing Note 4/2023", "", 10),
            ("", "", 12),
            ("The M23 Resurgence and the Risk of a", "B", 19),
            ("Regional War in Eastern Congo", "B", 19),
            ("", "", 8),
            ("Dr. Claire Mbuyi-Lef\u00e8vre", "", 12),
            ("14 March 2023", "", 11),
        ],
        contact=[
            "Sundial Policy Centre, 3 Hope Street, Edinburgh EH2 4EL",
            "Registered charity no. 1180044 | sundial.example",
        ],
        notes=[
            ("in late 2021", "The first attacks of the new offensive were reported in November 2021."),
            ("in December 2022", "UN document S/2022/967, published in December 2022."),
            ("six million internally displaced", "IOM displacement figures for 2022."),
        ],
        contents=True,
        break_before=("Regional diplomacy", "Recommendations"),
        meta_title="The M23 Resurgence and the Risk of a Regional War in Eastern Congo",
        meta_author="Sundial Policy Centre",
        created=dt.datetime(2023, 3, 14, 8, 0, tzinfo=dt.timezone.utc),
    ),
]


if __name__ == "__main__":
    main(SPECS, HERE)
