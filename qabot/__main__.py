"""``python -m qabot`` is the same as ``qabot``."""

import sys

from .cli import main

sys.exit(main())
