namespace LabelStudioMl.Bot.Storage;

/// <summary>One step of the schema. Versions only ever grow; a released migration is never edited.</summary>
internal sealed record Migration(int Version, string Name, string Sql);

/// <summary>The schema, in order.</summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "audit log", """
            CREATE TABLE audit_log (
                id           INTEGER PRIMARY KEY AUTOINCREMENT,
                at           TEXT    NOT NULL,
                user_id      TEXT    NOT NULL,
                user_name    TEXT    NOT NULL,
                guild_id     TEXT,
                channel_id   TEXT,
                command      TEXT    NOT NULL,
                arguments    TEXT    NOT NULL,
                backend_id   INTEGER,
                outcome      TEXT    NOT NULL,
                ls_status    INTEGER,
                duration_ms  INTEGER NOT NULL
            );
            CREATE INDEX audit_log_backend ON audit_log (backend_id, id);
            """),
        new(3, "notification outbox and training runs", """
            CREATE TABLE notification_outbox (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                channel_id      TEXT    NOT NULL,
                kind            TEXT    NOT NULL,
                message         TEXT    NOT NULL,
                created_at      TEXT    NOT NULL,
                attempts        INTEGER NOT NULL,
                next_attempt_at TEXT    NOT NULL,
                last_error      TEXT
            );
            CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at, id);

            CREATE TABLE training_runs (
                id               INTEGER PRIMARY KEY AUTOINCREMENT,
                backend_id       INTEGER NOT NULL,
                project_id       INTEGER NOT NULL,
                interaction_id   TEXT    NOT NULL,
                guild_id         TEXT,
                channel_id       TEXT,
                start_message_id TEXT,
                started_by_id    TEXT    NOT NULL,
                started_by_name  TEXT    NOT NULL,
                started_at       TEXT    NOT NULL,
                version_before   TEXT,
                status           TEXT    NOT NULL,
                version_after    TEXT,
                error_message    TEXT,
                finished_at      TEXT
            );
            -- At most one run in flight per backend: a second /ml train is refused by the store itself.
            CREATE UNIQUE INDEX training_runs_in_flight ON training_runs (backend_id) WHERE status IN ('running', 'interrupted');
            """),
    ];
}
