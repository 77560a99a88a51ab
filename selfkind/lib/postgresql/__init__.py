"""Selfkind's PostgreSQL database backend (see `base`)."""
