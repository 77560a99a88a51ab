"""Benchmark-only settings: the product's settings with a URLconf that adds the bare baseline view."""

from selfkind.settings import *  # noqa: F403

ROOT_URLCONF = "selfkind.bench.urls"
