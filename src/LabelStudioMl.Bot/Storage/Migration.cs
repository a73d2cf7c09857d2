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
        new(2, "watch subscriptions and backend states", """
            CREATE TABLE watch_subscriptions (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                guild_id        TEXT,
                channel_id      TEXT    NOT NULL,
                target_kind     TEXT    NOT NULL CHECK (target_kind IN ('backend', 'project')),
                target_id       INTEGER NOT NULL,
                project_id      INTEGER NOT NULL,
                mention_role_id TEXT,
                created_by_id   TEXT    NOT NULL,
                created_by_name TEXT    NOT NULL,
                created_at      TEXT    NOT NULL,
                disabled_at     TEXT,
                disabled_reason TEXT
            );
            CREATE UNIQUE INDEX watch_subscriptions_active ON watch_subscriptions (channel_id, target_kind, target_id) WHERE disabled_at IS NULL;
            CREATE INDEX watch_subscriptions_project ON watch_subscriptions (project_id) WHERE disabled_at IS NULL;

            CREATE TABLE backend_states (
                backend_id    INTEGER PRIMARY KEY,
                project_id    INTEGER NOT NULL,
                title         TEXT,
                state         TEXT    NOT NULL,
                error_message TEXT,
                model_version TEXT,
                pending_state TEXT,
                pending_count INTEGER NOT NULL DEFAULT 0,
                updated_at    TEXT    NOT NULL
            );
            CREATE INDEX backend_states_project ON backend_states (project_id);

            CREATE TABLE watch_status (
                key        TEXT PRIMARY KEY,
                value      TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
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
        new(4, "outbox rows held while their follow-up is sent", """
            -- 1: the same message is going out as a follow-up; the row is removed once it went, and released to the
            -- channel if it failed or the process ended first.
            ALTER TABLE notification_outbox ADD COLUMN awaiting_follow_up INTEGER NOT NULL DEFAULT 0;
            """),
        new(5, "store probe", """
            -- One row the store's watchdog rewrites, so a read-only or full disk shows while nothing else writes.
            CREATE TABLE store_probe (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                at TEXT    NOT NULL
            );
            """),
        new(6, "snoozed watches", """
            -- Until then (UTC, ISO 8601), the subscription's alerts are held back; NULL: not snoozed.
            ALTER TABLE watch_subscriptions ADD COLUMN snoozed_until TEXT;
            """),
    ];
}
