using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.LabelStudio.Auth;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio.Models;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Diagnostics;

/// <summary>
/// The Label Studio half of <c>check</c>: who am I, how many projects, and every project's backends with their state
/// and error message. A backend that is not connected is a warning with a fix; a failing call is a failure.
/// </summary>
internal sealed class LabelStudioDoctor(LabelStudioClient client, IOptionsMonitor<LabelStudioSettings> options)
{
    private const int Parallelism = 4;

    public async Task RunAsync(CheckReport report, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var key = LabelStudioApiKey.Parse(settings.ApiKey.Trim());
        report.Section($"Label Studio at {UrlText.Redact(settings.Url)} (key: {key})");

        CurrentUser user;
        IReadOnlyList<Project> projects;
        try
        {
            user = await client.WhoAmIAsync(cancellationToken);
            projects = await client.GetProjectsAsync(title: null, cancellationToken);
        }
        catch (LabelStudioException e)
        {
            report.Fail(e.Message, e.Hint);
            return;
        }

        var organization = user.ActiveOrganizationMeta?.Title is { Length: > 0 } title ? $" in organization \"{title}\"" : "";
        report.Ok($"Signed in as {user.Username ?? user.Email ?? $"user #{user.Id}"}{organization}");
        report.Ok($"{projects.Count} project{(projects.Count == 1 ? "" : "s")} visible");

        // Label Studio health-checks every backend while listing, so projects are listed a few at a time, printed in order.
        using var gate = new SemaphoreSlim(Parallelism);
        var listings = projects.Select(p => ListAsync(p, gate, cancellationToken)).ToList();
        for (var i = 0; i < projects.Count; i++)
        {
            var (backends, error) = await listings[i];
            Print(report, projects[i], backends, error);
        }
    }

    private async Task<(IReadOnlyList<MlBackend> Backends, LabelStudioException? Error)> ListAsync(Project project, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return (await client.ListBackendsAsync(project.Id, cancellationToken), null);
        }
        catch (LabelStudioException e)
        {
            return ([], e);
        }
        finally
        {
            gate.Release();
        }
    }

    private static void Print(CheckReport report, Project project, IReadOnlyList<MlBackend> backends, LabelStudioException? error)
    {
        var name = $"Project #{project.Id} {project.Title}";
        if (error is not null)
        {
            report.Fail($"{name}: {error.Message}", error.Hint);
            return;
        }

        report.Ok($"{name}: {backends.Count} ML backend{(backends.Count == 1 ? "" : "s")}");
        foreach (var backend in backends)
        {
            var line = $"#{backend.Id} {backend.Title ?? "(untitled)"} · {backend.State} {backend.ReadableState} · {UrlText.Redact(backend.Url)} · model {(string.IsNullOrEmpty(backend.ModelVersion) ? "none" : backend.ModelVersion)}";
            if (backend.State == MlBackendState.Error)
            {
                report.Warn($"{line}\nerror: {backend.ErrorMessage ?? "(no message)"}",
                    "The ML server answers /health but its /setup failed: read the ML server's log; the model may not fit the project's labeling config.");
            }
            else if (backend.State == MlBackendState.Disconnected)
            {
                report.Warn(line,
                    "Label Studio cannot reach this ML server: check it is running and that its URL is reachable from the Label Studio server "
                    + "(in Docker use the service name, not localhost).");
            }
            else
            {
                report.Detail(line);
            }
        }
    }
}
