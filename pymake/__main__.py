from pymake.cli import main

raise SystemExit(main())
