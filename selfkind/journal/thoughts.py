"""Thought records: saving each step (screened every time), finishing, and the trends they show."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from selfkind.accounts import stamps
from selfkind.accounts.models import User
from selfkind.journal.models import ThoughtRecord
from selfkind.journal.trapinfo import VOCABULARY
from selfkind.lib.prepared import PreparedRead, hydrate, save_fields
from selfkind.safety.services import SafetyOutcome, screen_text

TEXT_FIELDS = {
    "situation": ("situation",),
    "thought": ("thought",),
    "evidence": ("evidence_for", "evidence_against"),
    "friend": ("friend_response",),
    "compassion": ("kindness", "common_humanity", "mindfulness"),
}


class StepError(ValueError):
    """A step's answer that cannot be saved as it is; the message says kindly what to change."""


def start_record(*, client: User) -> ThoughtRecord:
    return ThoughtRecord.objects.create(client=client)


_RECORD_FIELDS = [f.attname for f in ThoughtRecord._meta.concrete_fields]
_CLIENT_AT = _RECORD_FIELDS.index("client_id")
# Every step opens and saves its record: the read's SQL is built once per process (selfkind/lib/prepared.py).
_RECORD = PreparedRead(lambda pk: ThoughtRecord.objects.filter(pk=pk).order_by().values_list(*_RECORD_FIELDS))


def own_record(*, client: User, record_id: int) -> ThoughtRecord | None:
    """Return the client's own record with this id, or None (no such record, or someone else's)."""
    rows = _RECORD.rows(int(record_id))
    if not rows or rows[0][_CLIENT_AT] != client.pk:
        return None
    return hydrate(ThoughtRecord, "default", _RECORD_FIELDS, rows[0])  # type: ignore[return-value]


def save_step(*, record: ThoughtRecord, client: User, step: str, data: dict[str, Any]) -> SafetyOutcome:
    """Save one step of a record (a draft until finished) and screen the record's words.

    The words are committed before screening, so nothing typed can be lost to a screening problem.
    """
    if record.client_id != client.pk:
        raise PermissionError("A client edits only their own thought records.")
    if step not in ThoughtRecord.STEPS:
        raise StepError("There is no such step.")
    # Only what this step changes is written: a step saved from another tab or device keeps its own answers,
    # and the other fields are not encrypted again for nothing.
    changed = ["last_step", "updated_at"]
    if step in TEXT_FIELDS:
        for name in TEXT_FIELDS[step]:
            setattr(record, name, str(data.get(name, "")).strip())
        changed += TEXT_FIELDS[step]
        if step == "thought":
            record.traps_suggested = suggest_traps(record.thought)
            changed.append("traps_suggested")
    elif step == "emotions":
        record.emotions = _emotions(data.get("emotions", []))
        changed.append("emotions_data")
    elif step == "belief":
        record.belief_before = _percent(data.get("belief"))
        changed.append("belief_before")
    elif step == "traps":
        chosen = [key for key in data.get("traps", []) if key in VOCABULARY]
        record.traps_confirmed = [key for key in VOCABULARY if key in chosen]
        changed.append("traps_confirmed")
    elif step == "rerate":
        record.belief_after = _percent(data.get("belief"))
        after = {str(k): _percent(v) for k, v in dict(data.get("after", {})).items()}
        record.emotions = [{**e, "after": after.get(str(i), e.get("after"))} for i, e in enumerate(record.emotions)]
        changed += ["belief_after", "emotions_data"]
    if "private" in data:
        record.private = bool(data["private"])
        changed.append("private")
    record.last_step = step
    record.updated_at = timezone.now()
    # The work above, the trap detector included, is done before any write, so other writers wait less.
    if stamps.save_touches(ThoughtRecord, changed):
        # "today" shows a field this step writes: the row and the client's stamp (through the save signal)
        # are written in one transaction.
        with transaction.atomic():
            save_fields(record, changed)
    else:
        save_fields(record, changed)  # one UPDATE, atomic by itself: no BEGIN and COMMIT to send
    return screen_text(
        client=client, text=record.all_text(), source_type="thought_record", source_id=record.pk, private=record.private
    )


def suggest_traps(thought: str) -> list[dict[str, Any]]:
    """Return the detector's suggestions for a thought (trap and score), kept apart from what the client confirms.

    Keeping both lets the detector's precision in real use be measured later (suggested vs confirmed).
    The "why" is never part of it: it quotes the client's own words, and this list is stored in a
    plain JSON column, so storing it would put those words at rest unencrypted. `suggestions_with_why`
    works it out again from the (decrypted) thought when the traps step is shown.
    """
    if not thought.strip():
        return []
    from selfkind.journal.traps.detector import detect

    result = detect(thought)
    return [{"trap": t, "score": round(result.scores[t], 3)} for t in result.traps]


def suggestions_with_why(record: ThoughtRecord) -> dict[str, dict[str, Any]]:
    """Return the record's stored suggestions by trap, each with "why": the words of the thought behind it."""
    if not record.traps_suggested:
        return {}
    from selfkind.journal.traps.detector import load_model

    model = load_model()
    return {s["trap"]: {**s, "why": model.why(record.thought, s["trap"])} for s in record.traps_suggested}


def finish(*, record: ThoughtRecord, client: User) -> ThoughtRecord:
    if record.client_id != client.pk:
        raise PermissionError("A client finishes only their own thought records.")
    if not record.thought.strip():
        raise StepError("A thought record needs the thought itself. Please add it in step 2.")
    if record.completed_at is None:
        record.completed_at = timezone.now()
        record.save(update_fields=["completed_at"])
    return record


def set_flag(*, record: ThoughtRecord, client: User, flagged: bool) -> None:
    """Mark (or unmark) a record as "I'd like to talk about this" for the next session."""
    if record.client_id != client.pk:
        raise PermissionError("A client flags only their own records.")
    record.flagged_for_session = flagged
    record.save(update_fields=["flagged_for_session"])


def _percent(value: object) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value))
    except ValueError:
        raise StepError("Please choose a number from 0 to 100.") from None
    if not 0 <= number <= 100:
        raise StepError("Please choose a number from 0 to 100.")
    return number


def _emotions(rows: object) -> list[dict[str, Any]]:
    result = []
    for row in rows if isinstance(rows, list) else []:
        name = str(row.get("name", "")).strip()[:60]
        if name:
            result.append({"name": name, "before": _percent(row.get("before")), "after": row.get("after")})
    return result


def earlier_compassion(record: ThoughtRecord, *, limit: int = 3) -> list[ThoughtRecord]:
    """Return the client's own earlier finished records about similar thoughts (shared traps first)."""
    earlier = list(
        ThoughtRecord.objects.filter(client_id=record.client_id, completed_at__isnull=False).exclude(pk=record.pk)[:50]
    )
    mine = set(record.traps_confirmed)
    words = _words(record.thought)

    def similarity(other: ThoughtRecord) -> tuple[int, int]:
        return len(mine & set(other.traps_confirmed)), len(words & _words(other.thought))

    scored = [r for r in earlier if r.compassionate_response and any(similarity(r))]
    return sorted(scored, key=similarity, reverse=True)[:limit]


_STOP_WORDS = (
    "a an and are as at be but by for from have i i'm im if in is it its just me my myself not of on or so that the "
    "this to too was what when with you your always never everything nothing again really very can't cant don't dont "
    "get got am been being they them he she we our all how do did"
)
_STOP = frozenset(_STOP_WORDS.split())


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z']+", text.lower()) if len(w) > 2 and w not in _STOP}


@dataclass(frozen=True)
class Trends:
    per_week: list[tuple[date, int]]  # Monday of each week → records started
    top_traps: list[tuple[str, int]]
    median_belief_drop: float | None
    median_emotion_drop: float | None
    themes: list[tuple[str, int]]
    finished: int
    drafts: int
    records: list[ThoughtRecord] = field(default_factory=list)


def trends(client: User, *, include_private: bool, weeks: int = 8) -> Trends:
    """Return the client's thought-record trends (the therapist's view never includes private records)."""
    qs = ThoughtRecord.objects.filter(client=client)
    if not include_private:
        qs = qs.filter(private=False)
    records = list(qs.order_by("created_at"))
    today = timezone.localtime(timezone.now(), client.tzinfo).date()
    monday = today - timedelta(days=today.weekday())
    starts = [monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    counts = Counter(
        timezone.localtime(r.created_at, client.tzinfo).date()
        - timedelta(days=timezone.localtime(r.created_at, client.tzinfo).weekday())
        for r in records
    )
    finished = [r for r in records if not r.is_draft]
    traps = Counter(t for r in finished for t in r.traps_confirmed)
    belief = [
        r.belief_before - r.belief_after for r in finished if r.belief_before is not None and r.belief_after is not None
    ]
    emotion = [
        e["before"] - e["after"]
        for r in finished
        for e in r.emotions
        if isinstance(e.get("before"), int) and isinstance(e.get("after"), int)
    ]
    themes = Counter(w for r in records for w in _words(r.thought))
    return Trends(
        per_week=[(start, counts.get(start, 0)) for start in starts],
        top_traps=traps.most_common(5),
        median_belief_drop=statistics.median(belief) if belief else None,
        median_emotion_drop=statistics.median(emotion) if emotion else None,
        themes=[(w, n) for w, n in themes.most_common(8) if n >= 2],
        finished=len(finished),
        drafts=len(records) - len(finished),
        records=records,
    )
