"""Reading content files: Markdown with a small YAML front matter block."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class ContentError(ValueError):
    """A content file that does not follow its schema; the message names the file and field."""


@dataclass(frozen=True)
class Document:
    path: Path
    meta: dict[str, Any]
    body: str


def read_document(path: Path) -> Document:
    """Return the front matter and body of a Markdown file, or raise ContentError."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise ContentError(f"{path.name}: missing front matter (the file must start with '---').")
    try:
        head, body = text[4:].split("\n---\n", 1)
    except ValueError:
        raise ContentError(f"{path.name}: front matter is not closed with '---'.") from None
    meta = yaml.safe_load(head) or {}
    if not isinstance(meta, dict):
        raise ContentError(f"{path.name}: front matter must be a mapping of fields.")
    return Document(path=path, meta=meta, body=body.strip())
