"""The wheel holds the whole package: a sub-package or data file left out of
pyproject.toml works from the checkout (an editable install) and breaks `pip install .`."""

from __future__ import annotations

import fnmatch
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]


def test_every_sub_package_is_listed() -> None:
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "qabot").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    listed = set(SETUPTOOLS["packages"])
    assert found - listed == set(), "add these to [tool.setuptools] packages"


def test_every_data_file_is_packaged() -> None:
    patterns = SETUPTOOLS["package-data"]["qabot.data"]
    files = [p.name for p in (ROOT / "qabot" / "data").iterdir() if p.is_file() and p.suffix != ".md"]
    missing = [f for f in files if not any(fnmatch.fnmatch(f, pat) for pat in patterns)]
    assert missing == []
