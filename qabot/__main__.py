"""``python -m qabot`` is the same as ``qabot``."""

from .cli import run

run()
