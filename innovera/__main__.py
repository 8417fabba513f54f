from innovera.cli import main

raise SystemExit(main())
