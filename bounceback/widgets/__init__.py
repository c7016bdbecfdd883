"""Reusable widgets that render and post messages; they never touch the database."""
