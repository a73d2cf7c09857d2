using System.Globalization;
using LabelStudioMl.Bot.LabelStudio.Telemetry;
using LabelStudioMl.Bot.Storage;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Health;

/// <summary>
/// Whether the bot can do its job: its transports can take interactions (the gateway is READY and the commands are
/// registered, <see cref="ITransportReadiness"/>), Label Studio answered within the readiness window, and the store can
/// be written (not read-only, full, gone or damaged).
/// </summary>
internal sealed class Readiness(
    IEnumerable<ITransportReadiness> transports, LabelStudioTelemetry labelStudio, StoreHealth store, IOptions<HealthSettings> options, TimeProvider time)
{
    /// <summary>Ready, or the reasons why not (never a secret).</summary>
    public (bool IsReady, string Text) Check()
    {
        var problems = transports.SelectMany(t => t.Problems()).ToList();

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
