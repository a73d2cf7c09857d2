using System.Globalization;
using LabelStudioMl.Bot.Discord.Commands;
using LabelStudioMl.Bot.Discord.Gateway;
using LabelStudioMl.Bot.LabelStudio.Telemetry;
using LabelStudioMl.Bot.Storage;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Health;

/// <summary>
/// Whether the bot can do its job: the gateway is READY, the commands are registered with Discord (users see them),
/// Label Studio answered within the readiness window, and the store can be written (not read-only, full, gone or damaged).
/// </summary>
internal sealed class Readiness(
    IGatewayStatus gateway, CommandRegistrationStatus commands, LabelStudioTelemetry labelStudio, StoreHealth store, IOptions<HealthOptions> options, TimeProvider time)
{
    /// <summary>Ready, or the reasons why not (never a secret).</summary>
    public (bool IsReady, string Text) Check()
    {
        var problems = new List<string>();
        if (gateway.State != GatewayState.Ready)
            problems.Add($"the Discord gateway is {gateway.State}, not Ready" + (gateway.StopReason is { } reason ? $" ({reason})" : ""));

        if (commands.Problem is { } unregistered)
            problems.Add($"the /ml command is not registered with Discord yet ({unregistered})");

        var window = options.Value.ReadinessWindow;
        if (labelStudio.LastAnswerAt is not { } last)
            problems.Add("Label Studio has not answered yet");
        else if (time.GetUtcNow() - last > window)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Label Studio has not answered since {last:u} (Health:ReadinessWindow is {window:c})"));

        if ((store.FileGone() ?? store.Current) is { } fault)
            problems.Add($"{fault.Problem}: {fault.Fix}");

        return problems.Count == 0 ? (true, "ready") : (false, "not ready: " + string.Join("; ", problems));
    }
}
