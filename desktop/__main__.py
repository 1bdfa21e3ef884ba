"""`python -m desktop`: the same as the `iexpbx-desktop` command."""

from desktop.app import main

raise SystemExit(main())
