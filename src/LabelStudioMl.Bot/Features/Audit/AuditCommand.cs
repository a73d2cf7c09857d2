using System.Globalization;
using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Ui;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Presentation;
using LabelStudioMl.Bot.Storage;

namespace LabelStudioMl.Bot.Features.Audit;

/// <summary>
/// <c>/ml audit [backend]</c>: the latest operate and admin commands, newest first, one short line each for phones:
/// when, who, what, how it went. Arguments were redacted by the dispatcher before they were stored.
/// </summary>
internal sealed class AuditCommand(AuditLog audit) : ISlashCommand
{
    /// <summary>Entries shown at most.</summary>
    public const int Limit = 20;

    /// <summary>What an empty log says.</summary>
    public const string EmptyText = "No operate or admin commands recorded yet.";

    private const int ArgumentsLength = 80;
    private const int UserNameLength = 32;

    public CommandDeclaration Declaration { get; } = new(
        "audit",
        "Who ran which operate or admin command, newest first",
        AccessLevel.Admin,
        [CommonOptions.Backend with { Required = false, Description = "Only commands about this ML backend (all when left out)" }],
        ReplyVisibility.Ephemeral);

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var backend = context.Options.Id(CommonOptions.Backend.Name);
        var entries = await audit.RecentAsync(backend, Limit, cancellationToken);
        var lines = entries.Select(Line).ToList();
        return Reply.Of(new CardBuilder()
            .WithTitle(backend is null ? "Audit log" : $"Audit log · backend #{backend}")
            .WithDescription(lines.Count == 0 ? EmptyText : JoinWithin(lines, CardLimits.Description - 100))
            .WithSeverity(Severity.Neutral)
            .WithFooter(string.Create(CultureInfo.InvariantCulture, $"Newest first · at most {Limit}"))
            .Build());
    }

    /// <summary><c>&lt;t:…:R&gt; · **alice** · `/ml train backend:3` · ✅ ok</c></summary>
    internal static string Line(AuditEntry entry)
    {
        var command = string.IsNullOrWhiteSpace(entry.Arguments)
            ? $"/ml {entry.Command}"
            : $"/ml {entry.Command} {SafeText.Excerpt(entry.Arguments, ArgumentsLength)}";
        var user = string.IsNullOrWhiteSpace(entry.UserName) ? entry.UserId : SafeText.Escape(SafeText.Excerpt(entry.UserName, UserNameLength));
        return $"{DiscordTimestamp.Relative(entry.At)} · **{user}** · `{command.Replace('`', '\'')}` · {Outcome(entry)}";
    }

    private static string Outcome(AuditEntry entry)
    {
        var text = SafeText.Escape(SafeText.Excerpt(entry.Outcome, 60));
        var status = entry.LabelStudioStatus is { } code ? string.Create(CultureInfo.InvariantCulture, $" ({code})") : "";
        return entry.Outcome switch
        {
            "ok" => "✅ ok",
            "removed" => "🗑️ removed",
            "canceled" => "↩️ canceled",
            "expired" => "⌛ expired",
            "denied" => "⛔ denied",
            "invalid input" => "⚠️ invalid input",
            "refused" => "✋ refused",
            _ => $"❌ {text}{status}",
        };
    }

    private static string JoinWithin(List<string> lines, int budget)
    {
        var kept = new List<string>();
        var used = 0;
        foreach (var line in lines)
        {
            if (used + line.Length + 1 > budget - 20)
            {
                kept.Add($"… and {lines.Count - kept.Count} more");
                break;
            }

            kept.Add(line);
            used += line.Length + 1;
        }

        return string.Join('\n', kept);
    }
}
