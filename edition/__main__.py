"""Allow ``python -m edition``."""

import sys

from .cli import main

sys.exit(main())
