using System.Text.Json.Nodes;
using LabelStudioMl.Bot.LabelStudio.Auth;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio.Models;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.LabelStudio;

/// <summary>
/// What the bot asks of Label Studio, on top of the one shared <see cref="ILabelStudioApi"/>. Every failure surfaces
/// as a <see cref="LabelStudioException"/>; the contract's quirks are handled here: update is read–modify–write,
/// interactive annotating reports errors inside a 200, project lists are paged.
/// </summary>
public sealed class LabelStudioClient(ILabelStudioApi api, IOptionsMonitor<LabelStudioSettings> options, AccessTokenProvider accessTokens)
{
    private const int ProjectPageSize = 100;
    private const int MaxProjectPages = 1000;

    /// <summary>The backends of one project (each health-checked by Label Studio before it answers).</summary>
    public async Task<IReadOnlyList<MlBackend>> ListBackendsAsync(int project, CancellationToken cancellationToken = default) =>
        await Naming(
            Run(HttpMethod.Get, $"/api/ml/?project={project}", () => api.ListBackendsAsync(project, cancellationToken), cancellationToken),
            e => ValueTask.FromResult(e.Saying(
                $"Project #{project} was not found: it does not exist, or the bot's Label Studio user cannot see it.",
                "/ml list without a project lists the projects the bot can see, with their ids.")));

    /// <summary>The backends of every project the user can see (or of <paramref name="projects"/>), ordered by project then id.</summary>
    public async Task<IReadOnlyList<MlBackend>> ListAllBackendsAsync(IReadOnlyList<Project>? projects = null, CancellationToken cancellationToken = default)
    {
        projects ??= await GetProjectsAsync(title: null, cancellationToken);
        var lists = new IReadOnlyList<MlBackend>[projects.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, projects.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (i, ct) => lists[i] = await ListBackendsAsync(projects[i].Id, ct));
        return lists.SelectMany(l => l).OrderBy(b => b.Project).ThenBy(b => b.Id).ToList();
    }

    /// <summary>One backend.</summary>
    public Task<MlBackend> GetBackendAsync(int id, CancellationToken cancellationToken = default) =>
        Naming(Run(HttpMethod.Get, $"/api/ml/{id}", () => api.GetBackendAsync(id, cancellationToken), cancellationToken), e => BackendNotFound(e, id));

    /// <summary>Adds a backend; Label Studio checks the ML server's <c>/health</c> and <c>/setup</c> first.</summary>
    public Task<MlBackend> AddBackendAsync(MlBackendCreateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        // An empty password on create is a 500 in Label Studio (docs/label-studio-behaviour.md, "Label Studio: ML backends"): send none instead.
        var body = string.IsNullOrEmpty(request.BasicAuthPass) ? request with { BasicAuthPass = null } : request;
        return Run(HttpMethod.Post, "/api/ml/", () => api.AddBackendAsync(body, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Changes a backend. Label Studio's PATCH is not partial (docs/label-studio-behaviour.md, "Label Studio: ML backends"), so this reads the backend, applies the changes and
    /// always sends <c>url</c> and <c>project</c>, and the stored <c>extra_params</c> (the PATCH's own <c>/setup</c> check
    /// sees only the sent fields). Basic-auth fields go when Label Studio sends basic auth (a user and a password are
    /// stored) or the caller changes them, and the password only when changed (<c>""</c> keeps the stored one).
    /// Switching basic auth off empties the user: the password stays stored but is no longer sent. A new model version
    /// is pinned (auto update off) unless the caller says otherwise, or the next refresh would overwrite it.
    /// </summary>
    public async Task<MlBackend> UpdateBackendAsync(int id, MlBackendChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var current = await GetBackendAsync(id, cancellationToken);
        var patch = BuildPatch(current, changes);
        return await Naming(Run(HttpMethod.Patch, $"/api/ml/{id}", () => api.UpdateBackendAsync(id, patch, cancellationToken), cancellationToken), e => BackendNotFound(e, id));
    }

    /// <summary>Removes a backend.</summary>
    public Task RemoveBackendAsync(int id, CancellationToken cancellationToken = default) =>
        Naming(Run(HttpMethod.Delete, $"/api/ml/{id}", () => api.RemoveBackendAsync(id, cancellationToken), cancellationToken), e => BackendNotFound(e, id));

    /// <summary>
    /// Asks Label Studio to start training. It answers 200 whatever happened and may block until training ends (docs/label-studio-behaviour.md, "Label Studio: ML backends"):
    /// read the backend afterwards to learn the outcome.
    /// </summary>
    public Task TrainAsync(int id, CancellationToken cancellationToken = default) =>
        Naming(Run(HttpMethod.Post, $"/api/ml/{id}/train", () => api.TrainAsync(id, new TrainRequest(), cancellationToken), cancellationToken), e => BackendNotFound(e, id));

    /// <summary>The model versions the ML server reports (or Label Studio's fallback to the stored one).</summary>
    public Task<MlBackendVersions> GetVersionsAsync(int id, CancellationToken cancellationToken = default) =>
        Naming(Run(HttpMethod.Get, $"/api/ml/{id}/versions", () => api.GetVersionsAsync(id, cancellationToken), cancellationToken), e => BackendNotFound(e, id));

    /// <summary>An interactive prediction for one task; errors reported inside the 200 become an exception.</summary>
    public async Task<JsonNode?> PredictAsync(int id, int task, JsonNode? context, CancellationToken cancellationToken = default)
    {
        var path = $"/api/ml/{id}/interactive-annotating";
        var request = new InteractiveAnnotatingRequest { Task = task, Context = context };
        // Label Studio answers the same 404 for a backend that is not there and for a task outside the backend's
        // project (label_studio/ml/api.py, MLBackendInteractiveAnnotating): reading the backend tells which.
        var response = await Naming(
            Run(HttpMethod.Post, path, () => api.InteractiveAnnotatingAsync(id, request, cancellationToken), cancellationToken),
            async e =>
            {
                var backend = await GetBackendAsync(id, cancellationToken);
                return e.Saying(
                    $"Task #{task} is not in project #{backend.Project} of ML backend #{id}, or it does not exist.",
                    $"Use a task of project #{backend.Project}: a task's id is in its address in Label Studio (…/projects/{backend.Project}/data?task=<id>).");
            });
        if (response.Errors is { Count: > 0 } errors)
            throw LabelStudioErrorParser.PredictionFailed($"POST {path}", 200, string.Join(" ", errors));

        return response.Data;
    }

    /// <summary>The webhooks of one project.</summary>
    public async Task<IReadOnlyList<Webhook>> ListWebhooksAsync(int project, CancellationToken cancellationToken = default) =>
        await Run(HttpMethod.Get, $"/api/webhooks/?project={project}", () => api.ListWebhooksAsync(project, cancellationToken), cancellationToken);

    /// <summary>Removes a webhook.</summary>
    public Task RemoveWebhookAsync(int id, CancellationToken cancellationToken = default) =>
        Run(HttpMethod.Delete, $"/api/webhooks/{id}/", () => api.RemoveWebhookAsync(id, cancellationToken), cancellationToken);

    /// <summary>Every project the user can see (all pages), optionally filtered by a title substring.</summary>
    public async Task<IReadOnlyList<Project>> GetProjectsAsync(string? title = null, CancellationToken cancellationToken = default)
    {
        var projects = new List<Project>();
        for (var page = 1; page <= MaxProjectPages; page++)
        {
            var current = page;
            var result = await Run(HttpMethod.Get, $"/api/projects/?page={page}", () => api.GetProjectsAsync(current, ProjectPageSize, title, cancellationToken), cancellationToken);
            if (result.Results is not { } results || results.Any(p => p is null))
                throw LabelStudioErrorParser.NullAnswer($"GET /api/projects/?page={page}");
            projects.AddRange(results);
            if (result.Next is null || result.Results.Count == 0)
                break;
        }

        return projects;
    }

    /// <summary>The user behind the configured key.</summary>
    public Task<CurrentUser> WhoAmIAsync(CancellationToken cancellationToken = default) =>
        Run(HttpMethod.Get, "/api/current-user/whoami", () => api.WhoAmIAsync(cancellationToken), cancellationToken);

    internal static MlBackendPatchRequest BuildPatch(MlBackend current, MlBackendChanges changes)
    {
        var patch = new MlBackendPatchRequest
        {
            Url = changes.Url ?? current.Url,
            Project = current.Project,
            Title = changes.Title,
            Description = changes.Description,
            IsInteractive = changes.IsInteractive,
            ExtraParams = changes.ExtraParams ?? current.ExtraParams,
            Timeout = changes.Timeout,
            ModelVersion = changes.ModelVersion,
            AutoUpdate = changes.AutoUpdate ?? (changes.ModelVersion is null ? null : false),
        };
        var useBasicAuth = changes.UseBasicAuth ?? (changes.BasicAuthUser is not null || changes.BasicAuthPass is not null ? true : null);
        return useBasicAuth switch
        {
            false => patch with { AuthMethod = current.AuthMethod.InSameSpelling(basicAuth: false), BasicAuthUser = "" },
            true => patch with
            {
                AuthMethod = current.AuthMethod.InSameSpelling(basicAuth: true),
                BasicAuthUser = changes.BasicAuthUser ?? current.BasicAuthUser,
                BasicAuthPass = changes.BasicAuthPass ?? (current.BasicAuthPassIsSet ? "" : null),
            },

            // Without the credentials the PATCH's own health check would go out without them (docs/label-studio-behaviour.md, "Label Studio: ML backends").
            null when current.SendsBasicAuth => patch with { AuthMethod = current.AuthMethod, BasicAuthUser = current.BasicAuthUser, BasicAuthPass = "" },
            null => patch,
        };
    }

    /// <summary>Runs <paramref name="call"/>; a 404 is told by <paramref name="named"/>, which names what was not found.</summary>
    private static async Task<T> Naming<T>(Task<T> call, Func<LabelStudioException, ValueTask<LabelStudioException>> named)
    {
        try
        {
            return await call;
        }
        catch (LabelStudioException e) when (e.Kind == LabelStudioErrorKind.NotFound)
        {
            throw await named(e);
        }
    }

    private static async Task Naming(Task call, Func<LabelStudioException, ValueTask<LabelStudioException>> named) =>
        await Naming(Done(call), named);

    private static async Task<bool> Done(Task call)
    {
        await call;
        return true;
    }

    private static ValueTask<LabelStudioException> BackendNotFound(LabelStudioException e, int id) => ValueTask.FromResult(e.Saying(
        $"ML backend #{id} was not found: it was removed, or the id is wrong.",
        "/ml list shows the backends with their ids and projects."));

    private async Task<T> Run<T>(HttpMethod method, string path, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        try
        {
            return await LabelStudioCalls.RunAsync($"{method} {path}", settings.BaseUri, LabelStudioTimeouts.For(settings, method, path.Split('?')[0]), call, cancellationToken);
        }
        catch (LabelStudioException e)
        {
            // Label Studio's text is shown to users, and can quote the credentials the bot sent (docs/label-studio-behaviour.md, "Label Studio: HTTP and Django").
            throw e.Without([settings.ApiKey, .. accessTokens.Issued]);
        }
    }

    private async Task Run(HttpMethod method, string path, Func<Task> call, CancellationToken cancellationToken) =>
        await Run(method, path, async () =>
        {
            await call();
            return true;
        }, cancellationToken);
}
