"""qabot: cited answers from analytical briefings, by BM25 over well-cut passages.

Import :class:`qabot.api.QA` to use it as a library::

    from qabot.api import QA
    qa = QA.open()                       # default corpus and index, rebuilt if stale or damaged
    answer = qa.ask("why did Hanoi end early?")
"""

__version__ = "0.1.0"
