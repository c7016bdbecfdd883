"""Tests for the pure playbook functions (no database, no terminal)."""
