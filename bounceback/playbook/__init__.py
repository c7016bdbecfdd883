"""The playbook as pure functions: no I/O, no Textual, no database sessions."""
