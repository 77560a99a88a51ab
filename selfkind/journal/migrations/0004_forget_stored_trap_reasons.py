"""Remove the detector's "why" from stored trap suggestions: it quoted the client's words in plain JSON.

The words are worked out again from the encrypted thought when the traps step is shown
(`thoughts.suggestions_with_why`). Copies of the old values may stay in database free space,
write-ahead logs and backups until those are vacuumed or expire.
"""

from django.db import migrations

BATCH = 500


def forget_reasons(apps, schema_editor):
    rows = apps.get_model("journal", "ThoughtRecord").objects.using(schema_editor.connection.alias)
    pks = list(rows.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        changed = []
        for record in rows.filter(pk__in=pks[start : start + BATCH]).only("pk", "traps_suggested"):
            kept = [
                {k: v for k, v in s.items() if k != "why"} if isinstance(s, dict) else s for s in record.traps_suggested
            ]
            if kept != record.traps_suggested:
                record.traps_suggested = kept
                changed.append(record)
        if changed:
            rows.bulk_update(changed, ["traps_suggested"])


class Migration(migrations.Migration):
    dependencies = [("journal", "0003_affirmation_affirmationskip_reflection")]

    operations = [migrations.RunPython(forget_reasons, migrations.RunPython.noop, elidable=True)]
