"""Benchmarks, run by hand (`.venv/bin/python benchmarks/run.py`), never by pytest."""
