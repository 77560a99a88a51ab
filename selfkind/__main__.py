import sys

from selfkind.cli import main

sys.exit(main())
