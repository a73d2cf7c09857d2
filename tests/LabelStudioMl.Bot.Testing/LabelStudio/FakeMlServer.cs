using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>A controllable label-studio-ml-backend server (docs/label-studio-behaviour.md, "ML backend SDK (label-studio-ml-backend)") on its own Kestrel at 127.0.0.1.</summary>
public sealed class FakeMlServer : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private CancellationTokenSource _lifetime = new();
    private LoopbackHost? _host;
    private int _port;
    private int _trainingsCompleted;
    private int _setupFailuresLeft;

    private FakeMlServer()
    {
    }

    /// <summary>The server's address, <c>http://127.0.0.1:port</c> (no trailing slash).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>How every route answers.</summary>
    public MlServerHealth Health { get; set; } = MlServerHealth.Up;

    /// <summary><c>/setup</c> answers 500 (health stays fine).</summary>
    public bool SetupFails { get; set; }

    /// <summary>The next <paramref name="count"/> <c>/setup</c> calls answer 500 as with <see cref="SetupFails"/>; later ones succeed (a blip).</summary>
    public void FailNextSetups(int count)
    {
        lock (_gate)
            _setupFailuresLeft = count;
    }

    /// <summary>Every response is delayed by this.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>What <c>/setup</c> reports.</summary>
    public string ModelVersion { get; set; } = "0.0.1";

    /// <summary>How long a START_TRAINING webhook blocks (the SDK trains inside the request).</summary>
    public TimeSpan TrainingDuration { get; set; } = TimeSpan.Zero;

    /// <summary>False: START_TRAINING answers <c>200 {"status":"Unknown event"}</c> and nothing changes.</summary>
    public bool HandlesStartTraining { get; set; } = true;

    /// <summary>A START_TRAINING webhook answers 500 with the SDK's error body.</summary>
    public bool TrainingFails { get; set; }

    /// <summary>Applied to <see cref="ModelVersion"/> when training completes; default bumps the last number.</summary>
    public Func<string, string>? NextModelVersion { get; set; }

    /// <summary>
    /// The end of the model's own <c>fit()</c> (user code in the SDK: label_studio_ml/api.py runs it inside the webhook
    /// request): called with the project id from the webhook and the model version training produced, before
    /// <c>/webhook</c> answers (or fails, with <see cref="TrainingFails"/>, when the version is the unchanged one).
    /// </summary>
    public Func<int, string, Task>? FitEnds { get; set; }

    /// <summary>Null: <c>GET /versions</c> is 404 (the current SDK has no such route); else <c>200 {"versions":[…]}</c>.</summary>
    public IReadOnlyList<string>? Versions { get; set; }

    /// <summary>With <see cref="BasicAuthPassword"/>: every route needs these Basic credentials.</summary>
    public string? BasicAuthUser { get; set; }

    /// <summary>With <see cref="BasicAuthUser"/>: every route needs these Basic credentials.</summary>
    public string? BasicAuthPassword { get; set; }

    /// <summary>Body of <c>POST /predict</c>; default <c>{"results":[{"result":[],"score":0.9,"model_version":…}]}</c>.</summary>
    public JsonNode? PredictResponse { get; set; }

    /// <summary>Trainings that ran to completion.</summary>
    public int TrainingsCompleted => Volatile.Read(ref _trainingsCompleted);

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
                return [.. _requests];
        }
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests()
    {
        lock (_gate)
            _requests.Clear();
    }

    /// <summary>Starts a server on a free port.</summary>
    public static async Task<FakeMlServer> CreateAsync(CancellationToken cancellationToken = default)
    {
        var server = new FakeMlServer();
        await server.BindAsync(0, cancellationToken);
        return server;
    }

    /// <summary>Stops listening: connections are refused until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        var host = _host;
        _host = null;
        if (host is null)
            return;
        await _lifetime.CancelAsync();
        await host.DisposeAsync();
    }

    /// <summary>Listens again on the same port.</summary>
    public async Task StartAsync()
    {
        if (_host is not null)
            return;
        _lifetime.Dispose();
        _lifetime = new CancellationTokenSource();
        await BindAsync(_port, CancellationToken.None);
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _lifetime.Dispose();
    }

    private async Task BindAsync(int port, CancellationToken cancellationToken)
    {
        _host = await LoopbackHost.StartAsync(port, HandleAsync, cancellationToken);
        _port = _host.BaseUrl.Port;
        Url = new Uri($"http://127.0.0.1:{_port}");
    }

    private async Task HandleAsync(HttpContext context)
    {
        var recorded = await HttpRecording.ReadAsync(context.Request, limitedToContentLength: false);
        lock (_gate)
            _requests.Add(recorded);

        var lifetime = _lifetime.Token;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(lifetime, context.RequestAborted);
        try
        {
            if (Delay > TimeSpan.Zero)
                await Task.Delay(Delay, linked.Token);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return;
        }

        switch (Health)
        {
            case MlServerHealth.Down:
                context.Abort();
                return;
            case MlServerHealth.Unauthorized:
                await WriteUnauthorizedAsync(context);
                return;
            case MlServerHealth.ServerError:
                await WriteJsonAsync(context, 500, ErrorBody(recorded, "Exception: ML server is failing"));
                return;
        }

        if (BasicAuthUser is not null && BasicAuthPassword is not null && !HasCredentials(context.Request))
        {
            await WriteUnauthorizedAsync(context);
            return;
        }

        await RouteAsync(context, recorded, lifetime);
    }

    private bool TakeSetupFailure()
    {
        lock (_gate)
            return _setupFailuresLeft > 0 && _setupFailuresLeft-- > 0;
    }

    private async Task RouteAsync(HttpContext context, RecordedRequest recorded, CancellationToken lifetime)
    {
        // label_studio_ml/api.py: health (also '/'), _setup, webhook, _predict; no /versions route, so Flask's 404 page.
        var method = context.Request.Method;
        switch (recorded.Path)
        {
            case "/" or "/health" when method == "GET":
                await WriteJsonAsync(context, 200, new JsonObject { ["status"] = "UP", ["model_class"] = "FakeModel" });
                return;
            case "/setup" when method == "POST":
                if (SetupFails || TakeSetupFailure())
                    await WriteJsonAsync(context, 500, ErrorBody(recorded, "ValueError: setup failed"));
                else
                    await WriteJsonAsync(context, 200, new JsonObject { ["model_version"] = ModelVersion });
                return;
            case "/webhook" when method == "POST":
                await WebhookAsync(context, recorded, lifetime);
                return;
            case "/versions" when method == "GET" && Versions is not null:
                await WriteJsonAsync(context, 200, new JsonObject { ["versions"] = new JsonArray([.. Versions.Select(v => (JsonNode)v)]) });
                return;
            case "/predict" when method == "POST":
                await WriteJsonAsync(context, 200, PredictResponse?.DeepClone() ?? DefaultPrediction());
                return;
            default:
                await WriteTextAsync(context, 404, "text/html; charset=utf-8", NotFoundPage);
                return;
        }
    }

    private async Task WebhookAsync(HttpContext context, RecordedRequest recorded, CancellationToken lifetime)
    {
        string? action = null;
        try
        {
            action = (JsonNode.Parse(recorded.Body) as JsonObject)?["action"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Falls through to the SDK's "Unknown event".
        }

        // label_studio_ml/api.py webhook: TRAIN_EVENTS else 200 {"status": "Unknown event"}; fit() runs inside the request, then 201.
        var handled = action is "ANNOTATION_CREATED" or "ANNOTATION_UPDATED" or "ANNOTATION_DELETED"
            || (action == "START_TRAINING" && HandlesStartTraining);
        if (!handled)
        {
            await WriteJsonAsync(context, 200, new JsonObject { ["status"] = "Unknown event" });
            return;
        }

        if (TrainingFails && action == "START_TRAINING")
        {
            await EndFitAsync(recorded, ModelVersion);
            await WriteJsonAsync(context, 500, ErrorBody(recorded, "RuntimeError: training failed"));
            return;
        }

        if (action == "START_TRAINING")
        {
            try
            {
                if (TrainingDuration > TimeSpan.Zero)
                    await Task.Delay(TrainingDuration, lifetime);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
                return;
            }

            var trained = (NextModelVersion ?? BumpLastNumber)(ModelVersion);
            await EndFitAsync(recorded, trained);
            ModelVersion = trained;
            Interlocked.Increment(ref _trainingsCompleted);
        }

        await WriteJsonAsync(context, 201, new JsonObject
        {
            ["result"] = new JsonObject { ["model_version"] = ModelVersion },
            ["status"] = "ok",
        });
    }

    private async Task EndFitAsync(RecordedRequest recorded, string version)
    {
        if (FitEnds is { } fitEnds && JsonNode.Parse(recorded.Body)?["project"]?["id"]?.GetValue<int>() is { } project)
            await fitEnds(project, version);
    }

    /// <summary><c>0.0.1</c> → <c>0.0.2</c>; a version without a trailing number gets <c>.1</c> appended.</summary>
    public static string BumpLastNumber(string version)
    {
        var end = version.Length;
        var start = end;
        while (start > 0 && char.IsAsciiDigit(version[start - 1]))
            start--;
        if (start == end)
            return version + ".1";
        var number = long.Parse(version[start..end], CultureInfo.InvariantCulture) + 1;
        return version[..start] + number.ToString(CultureInfo.InvariantCulture);
    }

    private JsonObject DefaultPrediction() => new()
    {
        ["results"] = new JsonArray(new JsonObject
        {
            ["result"] = new JsonArray(),
            ["score"] = 0.9,
            ["model_version"] = ModelVersion,
        }),
    };

    private static JsonObject ErrorBody(RecordedRequest recorded, string detail)
    {
        JsonNode? request;
        try
        {
            request = recorded.Body.Length == 0 ? null : JsonNode.Parse(recorded.Body);
        }
        catch (JsonException)
        {
            request = recorded.Body;
        }

        // label_studio_ml/exceptions.py exception_handler/answer (the SDK's /webhook has no such handler: Flask's plain 500 there).
        return new JsonObject
        {
            ["status"] = 500,
            ["detail"] = detail,
            ["request"] = request,
            ["result"] = new JsonObject
            {
                ["traceback"] = $"Traceback (most recent call last):\n  File \"label_studio_ml/exceptions.py\", line 26, in exception_f\n    return f(*args, **kwargs)\n{detail}\n",
            },
        };
    }

    private bool HasCredentials(HttpRequest request)
    {
        // label_studio_ml/api.py check_auth (before_request): BASIC_AUTH_USER/BASIC_AUTH_PASS guard every route.
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return false;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            return decoded == $"{BasicAuthUser}:{BasicAuthPassword}";
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static Task WriteUnauthorizedAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"Authentication Required\"";
        return WriteTextAsync(context, 401, "text/html; charset=utf-8", "Unauthorized Access");
    }

    private static Task WriteJsonAsync(HttpContext context, int status, JsonNode body) =>
        WriteTextAsync(context, status, "application/json", body.ToJsonString() + "\n");

    private static async Task WriteTextAsync(HttpContext context, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        var feature = context.Features.Get<IHttpResponseFeature>();
        if (feature is not null)
            feature.ReasonPhrase = ReasonPhrases.GetReasonPhrase(status).ToUpperInvariant();
        context.Response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }

    private const string NotFoundPage = """
        <!doctype html>
        <html lang=en>
        <title>404 Not Found</title>
        <h1>Not Found</h1>
        <p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>

        """;
}
