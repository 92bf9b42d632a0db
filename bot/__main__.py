"""`python -m bot` runs the her2bot command line."""

import sys

from bot.cli import main

sys.exit(main())
