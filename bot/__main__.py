"""`python -m bot` runs the her2bot command line."""

import sys

from .cli import main

sys.exit(main())
