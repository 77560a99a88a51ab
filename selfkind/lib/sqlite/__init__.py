"""Selfkind's SQLite database backend (see `base`)."""
