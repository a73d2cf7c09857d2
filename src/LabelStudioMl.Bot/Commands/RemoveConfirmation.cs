using System.Globalization;
using LabelStudioMl.Bot.Discord.Messages;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Commands;

/// <summary>The messages and buttons of the <c>/ml remove</c> confirmation (custom ids <c>ml:remove:{token}:yes|no</c>).</summary>
internal static class RemoveConfirmation
{
    public const string CustomIdPrefix = "ml:remove:";

    private const int WarningColor = 0xE67E22;

    public static Reply Prompt(PendingConfirmation pending, TimeSpan lifetime) => new()
    {
        AwaitsDecision = true,
        Embeds =
        [
            new EmbedBuilder()
                .WithTitle($"Remove #{pending.BackendId} {SafeText.Escape(pending.BackendName)}?")
                .WithColor(WarningColor)
                .WithDescription($"Label Studio forgets this ML backend; the ML server itself keeps running. "
                    + $"Only {pending.Invoker.UserName} can confirm, within {Seconds(lifetime)}.")
                .Build(),
        ],
        Components =
        [
            Component.ActionRow(
                Component.Button(CustomId(pending.Token, confirm: true), "Remove", style: 4),
                Component.Button(CustomId(pending.Token, confirm: false), "Cancel", style: 2)),
        ],
    };

    public static Reply Removing(PendingConfirmation pending) => Plain($"Removing #{pending.BackendId} {SafeText.Escape(pending.BackendName)}…");

    public static Reply Removed(PendingConfirmation pending, MlWebhookCleanupResult webhook)
    {
        var removed = $"Removed #{pending.BackendId} {SafeText.Escape(pending.BackendName)}";
        var url = BackendText.Url(webhook.Url);
        return Plain(webhook.Outcome switch
        {
            MlWebhookOutcome.Removed => $"{removed}. Also removed the project webhook {url} that Label Studio created for it.",
            MlWebhookOutcome.InUse =>
                $"{removed}. Kept the project webhook {url} that Label Studio created for it: backend #{webhook.UsedByBackendId} of the project still uses that ML server.",
            MlWebhookOutcome.Left =>
                $"{removed}. The project webhook {url} that Label Studio created for it was left: Label Studio failed while the bot removed it. "
                + "Remove it in Label Studio under Project → Settings → Webhooks.",
            _ => removed,
        });
    }

    public static Reply Canceled(string? why = null) => Plain(why is null ? "Canceled" : $"Canceled — {why}");

    public static Reply OnlyInvoker(PendingConfirmation pending) => new()
    {
        Ephemeral = true,
        Embeds = [new EmbedBuilder().WithTitle("Not your confirmation").WithColor(WarningColor)
            .WithDescription($"Only {pending.Invoker.UserName} can confirm or cancel this removal.").Build()],
    };

    public static string CustomId(string token, bool confirm) => $"{CustomIdPrefix}{token}:{(confirm ? "yes" : "no")}";

    /// <summary>Reads <c>ml:remove:{token}:yes|no</c>.</summary>
    public static bool TryParse(string customId, out string token, out bool confirm)
    {
        token = "";
        confirm = false;
        if (!customId.StartsWith(CustomIdPrefix, StringComparison.Ordinal))
            return false;
        var parts = customId[CustomIdPrefix.Length..].Split(':');
        if (parts is not [var t, "yes" or "no"] || t.Length == 0)
            return false;
        token = t;
        confirm = parts[1] == "yes";
        return true;
    }

    // Empty embed and component lists clear the prompt and its buttons when the message is edited.
    private static Reply Plain(string text) => new() { Content = text, Embeds = [], Components = [] };

    private static string Seconds(TimeSpan lifetime) => string.Create(CultureInfo.InvariantCulture, $"{lifetime.TotalSeconds:0} s");
}
