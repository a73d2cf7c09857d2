using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>
/// An in-process stand-in for Label Studio's ML-backend REST API on 127.0.0.1, written from the contract
/// (<c>shared/docs/label-studio-ml-api.md</c>), including its quirks: hidden health/setup calls on reads,
/// non-partial PATCH, HTML 404s on slashless routes, the error envelope and both token schemes.
/// </summary>
public sealed partial class FakeLabelStudio : IAsyncDisposable
{
    /// <summary>Id of the single admin user every token belongs to.</summary>
    public const int AdminUserId = 1;

    private readonly object _gate = new();
    private readonly List<FakeProject> _projects = [];
    private readonly List<FakeBackend> _backends = [];
    private readonly List<FakeWebhook> _webhooks = [];
    private readonly List<RecordedRequest> _requests = [];
    private int _apiRequests;
    private int _peakApiRequests;
    private readonly List<FakeMlServer> _mlServers = [];
    private readonly HashSet<string> _revokedPats = [];
    private readonly Dictionary<int, JsonObject> _taskData = [];
    private readonly HostTable _hosts = new();
    private readonly FakeJwt _jwt = new();
    private readonly MlCaller _ml;
    private readonly LsErrors _errors;
    private LoopbackHost? _host;
    private int _nextProjectId = 1;
    private int _nextBackendId = 1;
    private int _nextTaskId = 1;
    private int _nextWebhookId = 1;
    private int _tokenRefreshCount;

    private FakeLabelStudio(FakeLabelStudioOptions options)
    {
        Options = options;
        _ml = new MlCaller(_hosts);
        _errors = new LsErrors(options);
        LegacyToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
    }

    /// <summary>The fake's address with a trailing slash, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The options it runs with; mutable settings take effect on the next request.</summary>
    public FakeLabelStudioOptions Options { get; }

    /// <summary>A valid 40-hex legacy token of the admin user.</summary>
    public string LegacyToken { get; }

    /// <summary>Successful <c>POST /api/token/refresh/</c> calls.</summary>
    public int TokenRefreshCount => Volatile.Read(ref _tokenRefreshCount);

    /// <summary>All projects, in creation order.</summary>
    public IReadOnlyList<FakeProject> Projects
    {
        get
        {
            lock (_gate)
                return [.. _projects];
        }
    }

    /// <summary>All stored ML backends, ascending id.</summary>
    public IReadOnlyList<FakeBackend> Backends
    {
        get
        {
            lock (_gate)
                return [.. _backends];
        }
    }

    /// <summary>Project webhooks: created when backends are added, removed only through <c>DELETE /api/webhooks/{id}/</c>.</summary>
    public IReadOnlyList<FakeWebhook> Webhooks
    {
        get
        {
            lock (_gate)
                return [.. _webhooks];
        }
    }

    /// <summary>The ML servers started by <see cref="StartMlServerAsync"/>, in start order.</summary>
    public IReadOnlyList<FakeMlServer> MlServers
    {
        get
        {
            lock (_gate)
                return [.. _mlServers];
        }
    }

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
                return [.. _requests];
        }
    }

    /// <summary>Raised as each request's answer has been written (on the request's thread).</summary>
    public event EventHandler<AnsweredRequest>? RequestAnswered;

    /// <summary>The most <c>/api/</c> requests that were in progress at once since the start or <see cref="ClearRequests"/>.</summary>
    public int PeakConcurrentApiRequests => Volatile.Read(ref _peakApiRequests);

    /// <summary>Starts the fake on a free port of 127.0.0.1.</summary>
    public static async Task<FakeLabelStudio> StartAsync(FakeLabelStudioOptions? options = null, CancellationToken cancellationToken = default)
    {
        var fake = new FakeLabelStudio(options ?? new FakeLabelStudioOptions());
        fake._host = await LoopbackHost.StartAsync(fake.Options.Port, fake.HandleAsync, cancellationToken);
        fake.BaseUrl = fake._host.BaseUrl;
        return fake;
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests()
    {
        lock (_gate)
            _requests.Clear();
        Volatile.Write(ref _peakApiRequests, Volatile.Read(ref _apiRequests));
    }

    /// <summary>A personal access token: a JWT with <c>token_type "refresh"</c> valid for 200 years.</summary>
    public string CreatePersonalAccessToken() =>
        CreatePersonalAccessToken(Options.TimeProvider.GetUtcNow().AddYears(200));

    /// <summary>A personal access token expiring at <paramref name="expiresAt"/> (may be in the past).</summary>
    public string CreatePersonalAccessToken(DateTimeOffset expiresAt) =>
        _jwt.Create("refresh", Options.TimeProvider.GetUtcNow(), expiresAt, AdminUserId);

    /// <summary>Blacklists a personal access token: refreshing with it fails from now on.</summary>
    public void RevokePersonalAccessToken(string pat)
    {
        lock (_gate)
            _revokedPats.Add(pat);
    }

    /// <summary>Adds a project (created by the admin user, now).</summary>
    public FakeProject AddProject(string title, string labelConfig = "<View></View>")
    {
        lock (_gate)
        {
            var project = new FakeProject(_nextProjectId++, title, labelConfig, Options.TimeProvider.GetUtcNow());
            _projects.Add(project);
            return project;
        }
    }

    /// <summary>Adds a task (with empty <c>data</c>) to a project and returns its id.</summary>
    public int AddTask(int projectId) => AddTask(projectId, new JsonObject());

    /// <summary>Adds a task with the given <c>data</c> (e.g. <c>{"image": "/data/upload/3/cars.jpg"}</c>) and returns its id.</summary>
    public int AddTask(int projectId, JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (_gate)
        {
            var project = _projects.FirstOrDefault(p => p.Id == projectId)
                ?? throw new ArgumentException($"No project {projectId}.", nameof(projectId));
            var id = _nextTaskId++;
            project.TaskIdList.Add(id);
            _taskData[id] = data.DeepClone().AsObject();
            return id;
        }
    }

    /// <summary>Seeds a backend directly (no ML calls, no webhook), in state <c>CO</c>.</summary>
    public FakeBackend AddBackend(int projectId, Uri url, string title = "default")
    {
        ArgumentNullException.ThrowIfNull(url);
        if (FindProject(projectId) is null)
            throw new ArgumentException($"No project {projectId}.", nameof(projectId));
        var backend = NewBackend(projectId, url.ToString().TrimEnd('/'));
        backend.Title = title;
        backend.State = "CO";
        return backend;
    }

    /// <summary>The stored backend with that id, or null.</summary>
    public FakeBackend? FindBackend(int id)
    {
        lock (_gate)
            return _backends.FirstOrDefault(b => b.Id == id);
    }

    /// <summary>The project with that id, or null.</summary>
    public FakeProject? FindProject(int id)
    {
        lock (_gate)
            return _projects.FirstOrDefault(p => p.Id == id);
    }

    /// <summary>Seeds a project webhook, as a user adds one under Project → Settings → Webhooks.</summary>
    public FakeWebhook AddWebhook(int projectId, string url, bool sendPayload = true, bool sendForAllActions = true)
    {
        ArgumentNullException.ThrowIfNull(url);
        lock (_gate)
        {
            var webhook = new FakeWebhook(_nextWebhookId++, projectId, url, Now()) { SendPayload = sendPayload, SendForAllActions = sendForAllActions };
            _webhooks.Add(webhook);
            return webhook;
        }
    }

    /// <summary>Makes <paramref name="hostName"/> "resolve": calls go to 127.0.0.1, texts keep the name.</summary>
    public void MapHost(string hostName) => _hosts.Map(hostName);

    /// <summary>Starts a fake ML server on its own port; it is stopped with this fake.</summary>
    public async Task<FakeMlServer> StartMlServerAsync(CancellationToken cancellationToken = default)
    {
        var server = await FakeMlServer.CreateAsync(cancellationToken);
        lock (_gate)
            _mlServers.Add(server);
        return server;
    }

    /// <summary>Stops Label Studio and every ML server it started.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
        _host = null;
        FakeMlServer[] servers;
        lock (_gate)
            servers = [.. _mlServers];
        foreach (var server in servers)
            await server.DisposeAsync();
        _ml.Dispose();
    }

    internal FakeBackend NewBackend(int projectId, string url)
    {
        lock (_gate)
        {
            var backend = new FakeBackend(_nextBackendId++, projectId, url, Now());
            _backends.Add(backend);
            return backend;
        }
    }

    internal void RemoveBackend(FakeBackend backend)
    {
        lock (_gate)
            _backends.Remove(backend);
    }

    /// <summary>Django's <c>save()</c> of a loaded backend: stored again when it was deleted meanwhile, unless its project is gone.</summary>
    internal void SaveBackend(FakeBackend backend)
    {
        lock (_gate)
        {
            if (!_backends.Contains(backend) && _projects.Any(p => p.Id == backend.ProjectId))
                _backends.Add(backend);
        }
    }

    internal List<FakeBackend> BackendsOf(int projectId)
    {
        lock (_gate)
            return [.. _backends.Where(b => b.ProjectId == projectId).OrderBy(b => b.Id)];
    }

    /// <summary><c>label_studio/ml/models.py</c>, <c>create_ml_webhook</c>: on create only, unless the project has one to that URL.</summary>
    internal void AddWebhookOnce(int projectId, string url)
    {
        lock (_gate)
        {
            if (!_webhooks.Any(w => w.ProjectId == projectId && w.Url == url))
                AddWebhook(projectId, url);
        }
    }

    internal JsonObject TaskData(int taskId)
    {
        lock (_gate)
            return _taskData.TryGetValue(taskId, out var data) ? data.DeepClone().AsObject() : [];
    }

    internal bool IsRevoked(string pat)
    {
        lock (_gate)
            return _revokedPats.Contains(pat);
    }

    internal void CountRefresh() => Interlocked.Increment(ref _tokenRefreshCount);

    internal DateTimeOffset Now() => Options.TimeProvider.GetUtcNow();

    private async Task HandleAsync(HttpContext context)
    {
        var receivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        var recorded = await HttpRecording.ReadAsync(context.Request, limitedToContentLength: true);
        if (Options.ProxyDropsBodies)
            recorded = recorded with { Body = "" };
        lock (_gate)
            _requests.Add(recorded);
        LsResult result;
        var api = recorded.Path.StartsWith("/api/", StringComparison.Ordinal);
        if (api)
            RaisePeak(Interlocked.Increment(ref _apiRequests));
        try
        {
            if (api && Options.ResponseDelay > TimeSpan.Zero)
                await Task.Delay(Options.ResponseDelay, context.RequestAborted); // wall clock: a FakeTimeProvider must not stall it
            result = TakeInjectedFailure(recorded) ?? await DispatchAsync(context, recorded);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            if (api)
                Interlocked.Decrement(ref _apiRequests);
        }

        await result.WriteAsync(context.Response);
        RequestAnswered?.Invoke(this, new AnsweredRequest(recorded, receivedAt, System.Diagnostics.Stopwatch.GetTimestamp()));
    }

    private void RaisePeak(int inProgress)
    {
        var peak = Volatile.Read(ref _peakApiRequests);
        while (inProgress > peak && Interlocked.CompareExchange(ref _peakApiRequests, inProgress, peak) is var seen && seen != peak)
            peak = seen;
    }
}
