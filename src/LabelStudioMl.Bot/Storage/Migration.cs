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
    ];
}
