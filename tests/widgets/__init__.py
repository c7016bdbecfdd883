"""Widget tests: each widget alone in a tiny host app, driven by Pilot and a fixed clock."""
