"""Build the round-7 development set's PDF page from its golden file.

Run by hand after changing the PDF golden (needs fpdf2, which is not a qabot dependency):

    pip install fpdf2 && python tests/parsebench-round7/make_pdfs_round7.py

The body text comes from the golden file, so the PDF and its expectation cannot drift apart.
The writer is tests/report_pdf.py, shared with the held-out sets; this file lists the report:
a title page with two author lines, each with its role under it in smaller type (the shape
this set adds), a month date, a running header, page numbers and a contact foot.
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
        name="ember-institute/indian-ocean-cables",
        header="Ember Institute | Maritime Programme",
        footer="{n}",
        cover=[
            ("EMBER INSTITUTE", "B", 11),
            ("Maritime Programme Paper", "", 10),
            ("", "", 14),
            ("Cables Under the Indian Ocean:", "B", 18),
            ("Who Repairs the Internet?", "B", 18),
            ("", "", 10),
            ("Priya Raman", "B", 11),
            ("Senior Analyst, Maritime Programme", "", 9),
            ("Tomás Ortega", "B", 11),
            ("Research Fellow, Technology and Security", "", 9),
            ("", "", 8),
            ("June 2024", "", 11),
        ],
        contact=["Ember Institute, 40 Wharf Road, Singapore 555019", "info@ember.example | ember.example"],
        meta_title="MP-2024-06-cables_v3",
        meta_author="Ember Institute",
        created=dt.datetime(2024, 6, 20, 9, 0, tzinfo=dt.timezone.utc),
    ),
]

if __name__ == "__main__":
    main(SPECS, HERE)
