"""Tests for encryption at rest: keys, encrypt/decrypt, EncryptedTextField and the key commands."""

from __future__ import annotations

import io
import stat

import pytest
from cryptography.fernet import Fernet, MultiFernet
from django.apps.registry import Apps
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, models
from django.db.migrations.writer import MigrationWriter
from django.test.utils import isolate_apps

from selfkind.lib import crypto
from selfkind.lib.crypto import (
    PREFIX,
    DecryptionError,
    EncryptedTextField,
    decrypt_text,
    encrypt_text,
    field_keys,
    generate_key,
    key_status,
    reset_key_cache,
)

KEY_A = generate_key()
KEY_B = generate_key()

# The test model lives in its own app registry, so it is never seen by makemigrations, by the
# rotate command outside these tests, or by anything else that walks the installed models.
test_apps = Apps(["selfkind.lib"])


class Note(models.Model):
    body = EncryptedTextField(null=True, blank=True)
    title = models.CharField(max_length=40, default="")

    class Meta:
        app_label = "selfkind_lib"
        apps = test_apps
        db_table = "selfkind_lib_test_encrypted_note"

    def __str__(self) -> str:
        return self.title


@pytest.fixture(scope="module")
def note_table(django_db_setup, django_db_blocker):
    # Created outside the per-test transaction: SQLite cannot change its schema inside one.
    with django_db_blocker.unblock():
        with connection.schema_editor() as editor:
            editor.create_model(Note)
        yield
        with connection.schema_editor() as editor:
            editor.delete_model(Note)


@pytest.fixture(autouse=True)
def keys(settings, tmp_path):
    """Run every test with key A alone, and a key file that would land in tmp_path, never in ./var."""
    settings.SELFKIND_FIELD_KEYS = [KEY_A]
    settings.SELFKIND_FIELD_KEY_FILE = tmp_path / "must-not-be-created"
    reset_key_cache()
    yield settings
    reset_key_cache()


@pytest.fixture
def notes(db, note_table):
    return Note.objects


def raw_body(pk: int) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT body FROM {Note._meta.db_table} WHERE id = %s", [pk])  # noqa: S608 (our table name)
        return cursor.fetchone()[0]


def rotate(*args: str) -> str:
    out = io.StringIO()
    call_command("rotate-field-keys", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def only_test_model(monkeypatch):
    """Point the rotate command at the test model (it walks the installed models otherwise)."""
    real = crypto.encrypted_fields
    monkeypatch.setattr(crypto, "encrypted_fields", lambda registry=None: real(test_apps))


# --- encrypt_text / decrypt_text --------------------------------------------------------------


@pytest.mark.parametrize("text", ["I was too hard on myself today.", "", "Ich fühle mich ruhig 🌿\nzweite Zeile"])
def test_it_round_trips_text(text):
    stored = encrypt_text(text)
    assert stored.startswith(PREFIX)
    assert decrypt_text(stored) == text


def test_it_encrypts_equal_texts_differently():
    assert encrypt_text("same") != encrypt_text("same")


def test_it_refuses_a_value_without_the_prefix():
    with pytest.raises(DecryptionError, match="prefix"):
        decrypt_text("just some plain text")


def test_it_refuses_a_tampered_token():
    stored = encrypt_text("private words")
    middle = len(stored) // 2
    tampered = stored[:middle] + ("A" if stored[middle] != "A" else "B") + stored[middle + 1 :]
    with pytest.raises(DecryptionError, match="altered"):
        decrypt_text(tampered)


def test_it_writes_with_the_newest_key_and_reads_with_all(keys):
    old = encrypt_text("written under A")
    keys.SELFKIND_FIELD_KEYS = [KEY_B, KEY_A]
    new = encrypt_text("written under B")
    assert decrypt_text(old) == "written under A"
    assert Fernet(KEY_B).decrypt(new[len(PREFIX) :].encode()) == b"written under B"
    assert (key_status(old), key_status(new), key_status("plain")) == ("older", "newest", "unreadable")


@pytest.fixture
def fernet_decryptions(monkeypatch):
    """Count the Fernet decryptions decrypt_text makes."""
    calls = []
    real = MultiFernet.decrypt

    def counted(self, token, ttl=None):
        calls.append(token)
        return real(self, token, ttl)

    monkeypatch.setattr(MultiFernet, "decrypt", counted)
    return calls


def test_it_opens_a_value_it_has_seen_without_decrypting_it_again(fernet_decryptions):
    written = encrypt_text("kept since it was written")
    assert decrypt_text(written) == "kept since it was written"
    assert fernet_decryptions == []  # the writer knew the text

    crypto.reset_key_cache()  # as in another process, which has seen nothing yet
    assert decrypt_text(written) == "kept since it was written"
    assert decrypt_text(written) == "kept since it was written"
    assert len(fernet_decryptions) == 1


def test_it_keeps_only_short_values_and_only_so_many(fernet_decryptions, monkeypatch):
    monkeypatch.setattr(crypto, "_KEPT_TEXTS", 3)
    long_text = encrypt_text("a long letter to myself " * 100)
    decrypt_text(long_text)
    decrypt_text(long_text)
    assert len(fernet_decryptions) == 2  # too long to keep: opened each time

    written = [encrypt_text(f"entry {n}") for n in range(5)]
    assert len(crypto._kept) == 3
    assert [decrypt_text(stored) for stored in reversed(written)] == [f"entry {n}" for n in range(4, -1, -1)]
    assert len(fernet_decryptions) == 2 + 2  # the two oldest had been let go


def test_a_key_taken_away_opens_nothing_it_opened_before(keys):
    stored = encrypt_text("written under A")
    assert decrypt_text(stored) == "written under A"
    keys.SELFKIND_FIELD_KEYS = [KEY_B]  # A retired (in production: a restart with the new keys)
    with pytest.raises(DecryptionError, match="cannot be decrypted"):
        decrypt_text(stored)


# --- keys ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["not-a-key", "x" * 44, "c2hvcnQ="])
def test_it_refuses_a_bad_key_naming_its_position_but_not_the_key(keys, bad):
    keys.SELFKIND_FIELD_KEYS = [KEY_B, bad]
    with pytest.raises(ImproperlyConfigured, match="key 2 of 2 in SELFKIND_FIELD_KEYS") as excinfo:
        encrypt_text("anything")
    assert bad not in str(excinfo.value)
    assert excinfo.value.__cause__ is None and excinfo.value.__suppress_context__


def test_it_refuses_a_bad_key_in_the_key_file(keys, tmp_path):
    path = tmp_path / "field-keys"
    path.write_text("# comment\nnot-a-key\n")
    keys.SELFKIND_FIELD_KEYS = []
    keys.SELFKIND_FIELD_KEY_FILE = path
    with pytest.raises(ImproperlyConfigured, match=f"key 1 of 1 in the key file {path}"):
        field_keys()


def test_it_creates_the_development_key_file_lazily_and_reuses_it(keys, tmp_path):
    path = tmp_path / "var" / "field-keys"
    keys.SELFKIND_FIELD_KEYS = []
    keys.SELFKIND_FIELD_KEY_FILE = path
    keys.PRODUCTION = False
    assert not path.exists()  # changing settings alone creates nothing

    stored = encrypt_text("first use")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    [key] = field_keys()
    Fernet(key)  # a real key
    content = path.read_text()

    reset_key_cache()  # as after a restart
    assert decrypt_text(stored) == "first use"
    assert path.read_text() == content


def test_it_never_replaces_a_key_file_another_process_just_made(tmp_path):
    path = tmp_path / "field-keys"
    path.write_text(f"{KEY_A}\n")
    crypto._create_key_file(path)
    assert path.read_text() == f"{KEY_A}\n"
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_it_refuses_an_empty_key_file_rather_than_replacing_it(keys, tmp_path):
    path = tmp_path / "field-keys"
    path.write_text("# nothing here\n\n")
    keys.SELFKIND_FIELD_KEYS = []
    keys.SELFKIND_FIELD_KEY_FILE = path
    with pytest.raises(ImproperlyConfigured, match="holds no key"):
        field_keys()


def test_it_refuses_to_run_in_production_without_keys(keys, tmp_path):
    path = tmp_path / "field-keys"
    keys.SELFKIND_FIELD_KEYS = []
    keys.SELFKIND_FIELD_KEY_FILE = path
    keys.PRODUCTION = True
    with pytest.raises(ImproperlyConfigured, match="SELFKIND_FIELD_KEYS must be set in production"):
        encrypt_text("anything")
    assert not path.exists()


def test_it_generates_a_key_from_the_command():
    out = io.StringIO()
    call_command("generate-field-key", stdout=out)
    key = out.getvalue().strip()
    Fernet(key)
    assert key != generate_key()


# --- EncryptedTextField ---------------------------------------------------------------------------


def test_it_stores_only_ciphertext_in_the_column(notes):
    note = notes.create(body="I felt small today")
    stored = raw_body(note.pk)
    assert stored.startswith(PREFIX)
    assert "small" not in stored
    assert notes.get(pk=note.pk).body == "I felt small today"


def test_it_encrypts_the_empty_string_and_keeps_none_as_null(notes):
    empty = notes.create(body="")
    nothing = notes.create(body=None)
    assert raw_body(empty.pk).startswith(PREFIX)
    assert raw_body(nothing.pk) is None
    assert notes.get(pk=empty.pk).body == ""
    assert notes.get(pk=nothing.pk).body is None
    assert list(notes.filter(body__isnull=True).values_list("pk", flat=True)) == [nothing.pk]


def test_it_reads_plain_text_through_values_and_values_list(notes):
    note = notes.create(body="kind words", title="t")
    assert list(notes.values("body", "title")) == [{"body": "kind words", "title": "t"}]
    assert list(notes.values_list("body", flat=True)) == ["kind words"]
    note.refresh_from_db()
    assert note.body == "kind words"


def test_it_encrypts_through_bulk_create_bulk_update_and_update(notes):
    created = notes.bulk_create([Note(body="one"), Note(body="two")])
    assert all(raw_body(note.pk).startswith(PREFIX) for note in created)

    for note in created:
        note.body = note.body.upper()
    notes.bulk_update(created, ["body"])
    assert sorted(notes.values_list("body", flat=True)) == ["ONE", "TWO"]
    assert all(raw_body(note.pk).startswith(PREFIX) for note in created)

    notes.filter(pk=created[0].pk).update(body="three")
    assert raw_body(created[0].pk).startswith(PREFIX)
    assert notes.get(pk=created[0].pk).body == "three"


def test_it_raises_when_the_stored_value_was_altered(notes):
    note = notes.create(body="private")
    with connection.cursor() as cursor:
        sql = f"UPDATE {Note._meta.db_table} SET body = %s WHERE id = %s"  # noqa: S608 (our table name)
        cursor.execute(sql, ["private", note.pk])
    with pytest.raises(DecryptionError, match="prefix"):
        notes.get(pk=note.pk)


@pytest.mark.parametrize(
    "lookup",
    [
        {"body": "x"},
        {"body": None},
        {"body__exact": "x"},
        {"body__iexact": "x"},
        {"body__contains": "x"},
        {"body__icontains": "x"},
        {"body__startswith": "x"},
        {"body__in": ["x"]},
        {"body__lower": "x"},
        {"body__lower__exact": "x"},
    ],
)
def test_it_refuses_lookups_other_than_isnull(notes, lookup):
    with pytest.raises(FieldError, match="Note.body is encrypted"):
        list(notes.filter(**lookup))
    with pytest.raises(FieldError, match="encrypted"):
        list(notes.exclude(**lookup))


def test_it_deconstructs_without_key_material(keys):
    field = Note._meta.get_field("body")
    name, path, args, kwargs = field.deconstruct()
    assert (name, path, args, kwargs) == (
        "body",
        "selfkind.lib.crypto.EncryptedTextField",
        [],
        {"null": True, "blank": True},
    )
    before = MigrationWriter.serialize(field)
    keys.SELFKIND_FIELD_KEYS = [KEY_B]
    assert MigrationWriter.serialize(field) == before
    assert KEY_A not in before[0] and KEY_B not in before[0]


@pytest.mark.parametrize(
    ("options", "error_id"),
    [({"unique": True}, "selfkind_lib.E001"), ({"db_default": "hello"}, "selfkind_lib.E002"), ({}, None)],
)
@isolate_apps("selfkind.lib")
def test_it_refuses_what_encryption_defeats_in_system_checks(options, error_id):
    class Secret(models.Model):  # noqa: DJ008
        body = EncryptedTextField(**options)

        class Meta:
            app_label = "selfkind_lib"

    errors = Secret._meta.get_field("body").check()
    assert [error.id for error in errors] == ([error_id] if error_id else [])


def test_it_lists_the_encrypted_fields_of_a_registry():
    assert crypto.encrypted_fields(test_apps) == [(Note, Note._meta.get_field("body"))]


# --- rotation --------------------------------------------------------------------------------------


def test_it_rotates_keys_end_to_end(notes, keys, only_test_model):
    texts = [f"thought {i}" for i in range(5)]
    pks = [notes.create(body=text).pk for text in texts]
    empty = notes.create(body=None)
    written_under_a = {pk: raw_body(pk) for pk in pks}

    keys.SELFKIND_FIELD_KEYS = [KEY_B, KEY_A]  # a new key goes first; the old one still reads
    assert [notes.get(pk=pk).body for pk in pks] == texts

    with pytest.raises(CommandError, match="5 values are still under an older key"):
        rotate("--check")
    assert {pk: raw_body(pk) for pk in pks} == written_under_a  # --check writes nothing

    out = rotate("--batch-size", "2")
    assert "selfkind_lib.Note.body: 5 re-encrypted, 0 already under the newest key, 0 unreadable" in out
    assert all(key_status(raw_body(pk)) == "newest" for pk in pks)
    assert raw_body(empty.pk) is None
    assert "5 under the newest key, 0 under an older key" in rotate("--check")
    assert "0 re-encrypted, 5 already under the newest key" in rotate("--batch-size", "2")  # idempotent

    keys.SELFKIND_FIELD_KEYS = [KEY_B]  # the old key can now go
    assert sorted(notes.filter(body__isnull=False).values_list("body", flat=True)) == texts

    keys.SELFKIND_FIELD_KEYS = [KEY_A]  # and the old key alone no longer opens anything
    with pytest.raises(DecryptionError):
        notes.get(pk=pks[0])


def test_it_leaves_values_no_key_opens_and_says_so(notes, keys, only_test_model):
    lost = notes.create(body="written under a key that was lost")
    keys.SELFKIND_FIELD_KEYS = [KEY_B]
    stored = raw_body(lost.pk)
    with pytest.raises(CommandError, match="1 values cannot be decrypted"):
        rotate()
    assert raw_body(lost.pk) == stored
    with pytest.raises(CommandError, match="cannot be decrypted"):
        rotate("--check")


def test_it_says_so_when_no_model_is_encrypted(monkeypatch):
    monkeypatch.setattr(crypto, "encrypted_fields", lambda registry=None: [])
    assert "nothing to do" in rotate()


def test_it_refuses_a_zero_batch_size():
    with pytest.raises(CommandError, match="at least 1"):
        rotate("--batch-size", "0")
