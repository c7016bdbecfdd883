"""Persistence without Textual: engine, migrations, models, repositories, backups.

Import submodules directly; this package itself imports nothing heavy, so `records` and
`drafts` can be used before SQLModel has been loaded.
"""
