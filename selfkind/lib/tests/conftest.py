import pytest


@pytest.fixture(autouse=True)
def _fresh_healthz_migrations_check():
    """/healthz keeps a positive migrations check for a minute per process; these tests each start afresh."""
    from selfkind.care.health import forget_migrations_check

    forget_migrations_check()
    yield
    forget_migrations_check()
