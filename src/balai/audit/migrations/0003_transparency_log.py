"""The audit trail becomes a transparency log per regency (docs/apps/audit.md).

Writers only insert; the sequencer later sets `seq` and `prev_hash` once. The append-only
triggers are rewritten to allow exactly that one change and nothing else. SQLite rebuilds the
table to make `seq` nullable, which drops its triggers, so they are created again here. The
Merkle frontier of every existing log is computed from its events, in order.
"""

from django.conf import settings
from django.db import migrations, models


from balai.audit.merkle import Frontier

_SAME = (
    "NEW.id IS NOT DISTINCT FROM OLD.id AND NEW.chain IS NOT DISTINCT FROM OLD.chain AND NEW.occurred_at IS NOT DISTINCT FROM OLD.occurred_at AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.actor_label IS NOT DISTINCT FROM OLD.actor_label AND NEW.action IS NOT DISTINCT FROM OLD.action AND NEW.object_type IS NOT DISTINCT FROM OLD.object_type AND NEW.object_id IS NOT DISTINCT FROM OLD.object_id AND NEW.region_code IS NOT DISTINCT FROM OLD.region_code AND NEW.before IS NOT DISTINCT FROM OLD.before AND NEW.after IS NOT DISTINCT FROM OLD.after AND NEW.request_id IS NOT DISTINCT FROM OLD.request_id AND NEW.ip IS NOT DISTINCT FROM OLD.ip AND NEW.channel IS NOT DISTINCT FROM OLD.channel AND NEW.hash IS NOT DISTINCT FROM OLD.hash AND NEW.scheme IS NOT DISTINCT FROM OLD.scheme"
)
PG_FORWARD = f"""
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    -- The sequencer's one change: an event without a place gets its seq and link.
    IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL AND {_SAME} THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit events are append-only (% refused on audit_auditevent)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""
PG_BACKWARD = """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only (% refused on audit_auditevent)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""
_SQLITE_SAME = "NEW.id IS OLD.id AND NEW.chain IS OLD.chain AND NEW.occurred_at IS OLD.occurred_at AND NEW.actor_id IS OLD.actor_id AND NEW.actor_label IS OLD.actor_label AND NEW.action IS OLD.action AND NEW.object_type IS OLD.object_type AND NEW.object_id IS OLD.object_id AND NEW.region_code IS OLD.region_code AND NEW.before IS OLD.before AND NEW.after IS OLD.after AND NEW.request_id IS OLD.request_id AND NEW.ip IS OLD.ip AND NEW.channel IS OLD.channel AND NEW.hash IS OLD.hash AND NEW.scheme IS OLD.scheme"
SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent "
    f"WHEN NOT (OLD.seq IS NULL AND NEW.seq IS NOT NULL AND {_SQLITE_SAME}) "
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only (UPDATE refused on "
    "audit_auditevent)'); END",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent "
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only (DELETE refused on "
    "audit_auditevent)'); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent "
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only (UPDATE refused on "
    "audit_auditevent)'); END",
]


class RunSQLOn(migrations.RunSQL):
    """RunSQL that only runs on one database vendor."""

    def __init__(self, vendor, sql, reverse_sql):
        self.vendor = vendor
        super().__init__(sql, reverse_sql)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def frontiers_rebuild(apps, schema_editor):
    ChainHead = apps.get_model("audit", "ChainHead")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    for head in ChainHead.objects.all():
        frontier = Frontier()
        hashes = AuditEvent.objects.filter(chain=head.chain, seq__isnull=False).order_by("seq")
        for digest in hashes.values_list("hash", flat=True).iterator(chunk_size=2000):
            frontier.append(bytes.fromhex(digest))
        head.frontier = frontier.dump()
        head.save(update_fields=["frontier"])


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_append_only_triggers'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Checkpoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('chain', models.CharField(max_length=5)),
                ('tree_size', models.BigIntegerField()),
                ('root_hash', models.CharField(max_length=64)),
                ('signed_at', models.DateTimeField()),
                ('key_id', models.CharField(max_length=16)),
                ('signature', models.CharField(max_length=128)),
            ],
            options={
                'verbose_name': 'titik periksa log audit',
                'verbose_name_plural': 'titik periksa log audit',
            },
        ),
        # Events already written keep the earlier chain's hashes (scheme 1); new ones are leaves.
        migrations.AddField(
            model_name='auditevent',
            name='scheme',
            field=models.PositiveSmallIntegerField(default=1),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='scheme',
            field=models.PositiveSmallIntegerField(default=2),
        ),
        migrations.AddField(
            model_name='chainhead',
            name='frontier',
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name='chainhead',
            name='integrated_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='prev_hash',
            field=models.CharField(blank=True, default='', max_length=64),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='seq',
            field=models.BigIntegerField(blank=True, null=True, verbose_name='urutan'),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(condition=models.Q(('seq__isnull', True)), fields=['chain', 'id'], name='audit_pending'),
        ),
        migrations.AddConstraint(
            model_name='checkpoint',
            constraint=models.UniqueConstraint(fields=('chain', 'tree_size'), name='audit_checkpoint_size'),
        ),
        migrations.AlterModelOptions(
            name='auditevent',
            options={'ordering': ['chain', 'seq', 'id'], 'verbose_name': 'peristiwa audit', 'verbose_name_plural': 'peristiwa audit'},
        ),
        migrations.RunPython(frontiers_rebuild, migrations.RunPython.noop),
        RunSQLOn("postgresql", PG_FORWARD, PG_BACKWARD),
        RunSQLOn("sqlite", SQLITE_FORWARD, SQLITE_BACKWARD),
    ]
