"""Instrument definitions (data), their registry and the one generic scoring engine."""
