"""Encryption at rest for free text: keys, `encrypt_text`/`decrypt_text`, and `EncryptedTextField`.

Every free-text value a client or therapist writes is stored as "fernet1:" + a Fernet token
(AES-128-CBC with HMAC-SHA256, so a changed byte is detected, never silently decrypted).
Keys come from `settings.SELFKIND_FIELD_KEYS`, newest first; in development only, one key is
generated into `settings.SELFKIND_FIELD_KEY_FILE` the first time it is needed. See
docs/security-encryption.md for rotation and what losing a key means.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Literal

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps as django_apps
from django.apps.registry import Apps
from django.conf import settings
from django.core import checks
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver

PREFIX = "fernet1:"

_KEY_FILE_HEADER = (
    "# Selfkind development field-encryption keys, one a line, newest first.\n"
    "# Losing this file makes every encrypted text in the development database unreadable.\n"
)

_lock = threading.Lock()
# (all keys for reading and writing, the newest key alone); built on first use, see _fernets().
_cache: tuple[MultiFernet, Fernet] | None = None

# The texts this process encrypted or decrypted lately, by their stored value. A stored value is a random
# token, so one seen again is the same text: a thought record's nine fields are read again on every step
# (most of them unchanged, many empty), and a Fernet decryption (HMAC and AES) costs about 20 µs each. Kept
# in this process's memory only, as the words of a request are, at most _KEPT_TEXTS of them and none longer
# than _LONGEST_KEPT stored characters; forgotten with the keys (reset_key_cache), so a key taken away can
# no longer open anything.
_KEPT_TEXTS = 2048
_LONGEST_KEPT = 2048
_kept: OrderedDict[str, str] = OrderedDict()  # oldest first
_kept_lock = threading.Lock()


class DecryptionError(ValueError):
    """Raised when a stored value is not an encrypted value or no configured key opens it."""


def generate_key() -> str:
    """Return a new random Fernet key (url-safe base64 text, safe to put in an environment variable)."""
    return Fernet.generate_key().decode("ascii")


def field_keys() -> list[str]:
    """Return the field keys, newest first, each checked to be a valid Fernet key.

    From `settings.SELFKIND_FIELD_KEYS` when set. Otherwise, outside production only, from
    `settings.SELFKIND_FIELD_KEY_FILE`, which is created with one new key (mode 0600) the first
    time it is needed. Raise ImproperlyConfigured in production without keys, or for a bad key.
    """
    keys, source = _configured_keys()
    _validated(keys, source)
    return keys


def _configured_keys() -> tuple[list[str], str]:
    """Return the keys and where they came from (for error messages)."""
    keys = [key.strip() for key in getattr(settings, "SELFKIND_FIELD_KEYS", None) or [] if key.strip()]
    if keys:
        return keys, "SELFKIND_FIELD_KEYS"
    if getattr(settings, "PRODUCTION", False):
        raise ImproperlyConfigured(
            "SELFKIND_FIELD_KEYS must be set in production: one or more Fernet keys, newest first, "
            "separated by commas (make one with: selfkind generate-field-key)."
        )
    path = Path(settings.SELFKIND_FIELD_KEY_FILE)
    return _read_key_file(path), f"the key file {path}"


def _read_key_file(path: Path) -> list[str]:
    if not path.exists():
        _create_key_file(path)
    lines = path.read_text(encoding="ascii").splitlines()
    keys = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not keys:
        # Never replace an empty file with a new key: it may be a damaged file whose key is still
        # needed, and a silent new key would hide that.
        raise ImproperlyConfigured(
            f"The development key file {path} holds no key. Put the key back, or delete the file to have "
            "a new one made (text encrypted with the old key then stays unreadable)."
        )
    return keys


def _create_key_file(path: Path) -> None:
    """Write a one-key file at `path`, unless another process has just written one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates the file with mode 0600. Linking it into place is atomic and never replaces a
    # file, so when the web server and the worker start together, both end up with the same key.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".field-keys-")
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(_KEY_FILE_HEADER + generate_key() + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        os.unlink(tmp)


def _validated(keys: list[str], source: str) -> list[Fernet]:
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except (ValueError, TypeError):
            # `from None`, and the key is never quoted: error reports must not carry key material.
            raise ImproperlyConfigured(
                f"Field key {position} of {len(keys)} in {source} (counting from the newest) is not a valid "
                "Fernet key: it must be 32 url-safe base64-encoded bytes. Make one with: selfkind generate-field-key."
            ) from None
    return fernets


def _fernets() -> tuple[MultiFernet, Fernet]:
    global _cache
    cached = _cache
    if cached is not None:
        return cached
    with _lock:
        if _cache is None:
            fernets = _validated(*_configured_keys())
            # MultiFernet encrypts with the first key and decrypts with any of them.
            _cache = (MultiFernet(fernets), fernets[0])
        return _cache


def reset_key_cache() -> None:
    """Forget the loaded keys, so the next use reads the settings (or the key file) again, and every kept text."""
    global _cache
    with _lock:
        _cache = None
        with _kept_lock:
            _kept.clear()


def _keep(stored: str, text: str) -> None:
    if len(stored) > _LONGEST_KEPT:
        return
    with _kept_lock:
        if len(_kept) >= _KEPT_TEXTS:
            _kept.popitem(last=False)  # the oldest kept
        _kept[stored] = text


@receiver(setting_changed, dispatch_uid="selfkind.lib.crypto.reset_key_cache")
def _on_setting_changed(*, setting: str, **kwargs: Any) -> None:
    if setting in {"SELFKIND_FIELD_KEYS", "SELFKIND_FIELD_KEY_FILE", "PRODUCTION"}:
        reset_key_cache()


def encrypt_text(text: str) -> str:
    """Return `text` encrypted with the newest key, as "fernet1:" + a Fernet token."""
    if not isinstance(text, str):
        raise TypeError(f"encrypt_text() takes a str, not {type(text).__name__}.")
    multi, _ = _fernets()
    stored = PREFIX + multi.encrypt(text.encode("utf-8")).decode("ascii")
    _keep(stored, text)
    return stored


def _token(stored: str) -> bytes:
    if not isinstance(stored, str) or not stored.startswith(PREFIX):
        raise DecryptionError(
            f"This value is not an encrypted value (it lacks the {PREFIX!r} prefix). Selfkind never stores "
            "free text in the clear, so it was written around the encrypted field or damaged."
        )
    try:
        return stored[len(PREFIX) :].encode("ascii")
    except UnicodeEncodeError:
        raise DecryptionError("This encrypted value is damaged (it holds characters a token never has).") from None


def decrypt_text(stored: str) -> str:
    """Return the text inside a value made by `encrypt_text`, trying every configured key.

    Raise DecryptionError when the value lacks the prefix, was altered, or was written with a key
    that is no longer configured.
    """
    if type(stored) is str:
        kept = _kept.get(stored)
        if kept is not None:
            return kept
    token = _token(stored)
    multi, _ = _fernets()
    try:
        text = multi.decrypt(token).decode("utf-8")
        _keep(stored, text)
        return text
    except InvalidToken:
        raise DecryptionError(
            "This encrypted value cannot be decrypted with any key in SELFKIND_FIELD_KEYS: the key it was "
            "written with is missing, or the value was altered."
        ) from None


KeyStatus = Literal["newest", "older", "unreadable"]


def key_status(stored: str) -> KeyStatus:
    """Return whether a stored value is under the newest key, under an older configured key, or unreadable."""
    try:
        token = _token(stored)
    except DecryptionError:
        return "unreadable"
    multi, newest = _fernets()
    try:
        newest.decrypt(token)
        return "newest"
    except InvalidToken:
        pass
    try:
        multi.decrypt(token)
        return "older"
    except InvalidToken:
        return "unreadable"


class EncryptedTextField(models.TextField):
    """A text column whose values are encrypted before they reach the database.

    Python sees plain text (None stays NULL; "" is encrypted like any text); the column holds
    "fernet1:" + token. Values are decrypted in `from_db_value`, so objects, `values()` and
    `values_list()` all read plain text; they are encrypted in `get_prep_value`, so save(),
    `update()`, `bulk_create()` and `bulk_update()` all write ciphertext.

    Tokens are randomised, so the database cannot compare them: every lookup but `isnull` raises
    FieldError instead of quietly matching nothing. `to_python` deliberately does not decrypt:
    forms and `full_clean()` pass user input through it, and decrypting there would let anyone who
    pastes a stolen "fernet1:…" value into a form read it back. A consequence: `dumpdata` writes
    plain text, so database backups must be database snapshots, never fixtures.
    """

    description = "Text, encrypted at rest"

    def from_db_value(self, value: str | None, expression: object, connection: object) -> str | None:
        return None if value is None else decrypt_text(value)

    def get_prep_value(self, value: Any) -> str | None:
        value = super().get_prep_value(value)  # resolves lazy strings, turns non-strings into str
        return None if value is None else encrypt_text(value)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        raise FieldError(self._lookup_message(lookup_name))

    def get_transform(self, lookup_name: str) -> Any:
        raise FieldError(self._lookup_message(lookup_name))

    def _lookup_message(self, lookup_name: str) -> str:
        label = f"{self.model.__name__}.{self.name}" if hasattr(self, "model") else self.name
        return (
            f"{label} is encrypted, so the database cannot compare it: "
            f"'{lookup_name}' is not supported, only '{self.name}__isnull'. Filter on another field and "
            "compare the decrypted text in Python if you must."
        )

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        if self.unique or self.primary_key:
            errors.append(
                checks.Error(
                    "An EncryptedTextField cannot be unique or a primary key: equal texts encrypt to different "
                    "values, so the database can never see that two texts are equal.",
                    obj=self,
                    id="selfkind_lib.E001",
                )
            )
        if self.has_db_default():
            errors.append(
                checks.Error(
                    "An EncryptedTextField cannot have a db_default: the database would store it unencrypted. "
                    "Use default instead.",
                    obj=self,
                    id="selfkind_lib.E002",
                )
            )
        return errors


def encrypted_fields(registry: Apps | None = None) -> list[tuple[type[models.Model], EncryptedTextField]]:
    """Return (model, field) for every EncryptedTextField of every concrete, managed model.

    Each field is listed once, on the model whose table holds it (not on proxies or on children
    of multi-table inheritance).
    """
    found: list[tuple[type[models.Model], EncryptedTextField]] = []
    for model in (registry or django_apps).get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.local_concrete_fields:
            if isinstance(field, EncryptedTextField):
                found.append((model, field))
    return found
