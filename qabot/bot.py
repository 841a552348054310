"""Moved to :mod:`qabot.api`; these names stay importable from here until every caller
has switched (the lead removes this module once the parallel branches are merged)."""

from __future__ import annotations

from .api import QA, Answer, Result, TermScore, ensure_index

__all__ = ["QA", "Answer", "Result", "TermScore", "ensure_index"]
