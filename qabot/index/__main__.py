"""``python -m qabot.index``: a build worker (see :mod:`qabot.index.workers`)."""

from .workers import worker_main

worker_main()
