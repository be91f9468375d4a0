"""Command line: python -m dashboard validate | export | schema | coverage | draft | add-seed."""

from dashboard.cli import main

raise SystemExit(main())
