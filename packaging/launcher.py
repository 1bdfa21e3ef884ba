"""The frozen app's entry point: `desktop.app:main`, as the `iexpbx-desktop` command."""

from desktop.app import main

raise SystemExit(main())
