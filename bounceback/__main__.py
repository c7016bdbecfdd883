"""Allow `python -m bounceback`."""

from bounceback.cli import main

raise SystemExit(main())
