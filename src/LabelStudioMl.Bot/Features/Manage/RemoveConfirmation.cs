using System.Globalization;
using LabelStudioMl.Bot.Ui;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Features.Manage;

/// <summary>The messages and buttons of the <c>/ml remove</c> confirmation (custom ids <c>ml:remove:{token}:yes|no</c>).</summary>
internal static class RemoveConfirmation
{
    /// <summary>The kind of the confirmation buttons' custom ids (<see cref="Components.CustomId"/>).</summary>
    public const string CustomIdKind = "remove";

    public static Reply Prompt(PendingConfirmation pending, TimeSpan lifetime) => new()
    {
        AwaitsDecision = true,
        Cards =
        [
            new CardBuilder()
                .WithTitle($"Remove #{pending.BackendId} {SafeText.Escape(pending.BackendName)}?")
                .WithSeverity(Severity.Warning)
                .WithDescription($"Label Studio forgets this ML backend; the ML server itself keeps running. "
                    + $"Only {pending.Invoker.UserName} can confirm, within {Seconds(lifetime)}.")
                .Build(),
        ],
        Buttons = [new Button(CustomId(pending.Token, confirm: true), "Remove", ButtonKind.Danger), new Button(CustomId(pending.Token, confirm: false), "Cancel")],
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
        Cards = [new CardBuilder().WithTitle("Not your confirmation").WithSeverity(Severity.Warning)
            .WithDescription($"Only {pending.Invoker.UserName} can confirm or cancel this removal.").Build()],
    };

    public static string CustomId(string token, bool confirm) => new Components.CustomId(CustomIdKind, token, confirm ? "yes" : "no").ToString();

    /// <summary>Reads <c>ml:remove:{token}:yes|no</c>.</summary>
    public static bool TryParse(string customId, out string token, out bool confirm)
    {
        var ok = Components.CustomId.TryRead(customId, CustomIdKind, out var read) && read.Argument is "yes" or "no";
        token = ok ? read.Session : "";
        confirm = ok && read.Argument == "yes";
        return ok;
    }

    // No cards and no buttons: the edit clears the prompt and its buttons.
    private static Reply Plain(string text) => new() { Content = text };

    private static string Seconds(TimeSpan lifetime) => string.Create(CultureInfo.InvariantCulture, $"{lifetime.TotalSeconds:0} s");
}
