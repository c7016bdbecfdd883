"""Command line entry point (placeholder until the CLI lands)."""

def main() -> int:
    """Run."""
    return 0
