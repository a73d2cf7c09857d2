using System.Globalization;
using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

public sealed partial class FakeLabelStudio
{
    /// <summary><c>GET /api/ml/?project=N[&amp;is_interactive=]</c>: a plain array, each backend refreshed first.</summary>
    private async Task<LsResult> ListBackendsAsync(LsRequest request)
    {
        // label_studio/ml/api.py MLBackendListAPI.get_queryset: get_object_or_404(Project), update_ml_backends_state, no pagination.
        var projectText = request.Query("project");
        if (!int.TryParse(projectText, NumberStyles.None, CultureInfo.InvariantCulture, out var projectId) || FindProject(projectId) is null)
            return _errors.Envelope(404, "Not found.");

        IEnumerable<FakeBackend> backends = BackendsOf(projectId);
        var interactive = request.Query("is_interactive")?.ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" => (bool?)false,
            _ => null,
        };
        if (interactive is { } flag)
            backends = backends.Where(b => b.IsInteractive == flag);

        var array = new JsonArray();
        foreach (var backend in backends)
        {
            await UpdateStateAsync(backend, request.Aborted);
            array.Add(LsJson.Backend(backend));
        }

        return LsResult.Json(200, array);
    }

    /// <summary><c>POST /api/ml/</c>.</summary>
    private async Task<LsResult> CreateBackendAsync(LsRequest request)
    {
        var data = await request.ReadDataAsync(_errors);
        var attrs = await ValidateBackendAsync(data, instance: null, request.IsForm, request.Aborted);
        var project = FindProject((int)attrs["project"]!)!;
        var backend = NewBackend(project.Id, (string)attrs["url"]!);
        ApplyAttributes(backend, attrs);
        AddWebhookOnce(project.Id, backend.Url.TrimEnd('/') + "/webhook");
        await UpdateStateAsync(backend, request.Aborted);
        // label_studio/ml/api.py MLBackendListAPI.perform_create: update_state, then model_version = title if unset.
        if (project.ShowCollabPredictions && string.IsNullOrEmpty(project.ModelVersion))
            project.ModelVersion = backend.Title ?? "";
        return LsResult.Json(201, LsJson.Backend(backend));
    }

    /// <summary><c>GET /api/ml/{id}</c>.</summary>
    private async Task<LsResult> GetBackendAsync(LsRequest request)
    {
        var backend = RequireBackend(request);
        await UpdateStateAsync(backend, request.Aborted);
        return LsResult.Json(200, LsJson.Backend(backend));
    }

    /// <summary><c>PATCH|PUT /api/ml/{id}</c>: validation sees only the sent fields.</summary>
    private async Task<LsResult> UpdateBackendAsync(LsRequest request)
    {
        var backend = RequireBackend(request);
        var data = await request.ReadDataAsync(_errors);
        var attrs = await ValidateBackendAsync(data, backend, form: false, request.Aborted);
        var oldTitle = backend.Title;
        ApplyAttributes(backend, attrs);
        // label_studio/ml/models.py MLBackend.save: a renamed title rewrites project.model_version when it matched the old one.
        if (attrs.ContainsKey("title") && FindProject(backend.ProjectId) is { } project && project.ModelVersion == oldTitle)
            project.ModelVersion = backend.Title ?? "";
        await UpdateStateAsync(backend, request.Aborted);
        return LsResult.Json(200, LsJson.Backend(backend));
    }

    /// <summary><c>DELETE /api/ml/{id}</c>: refresh, reset the project's model version, 204.</summary>
    private async Task<LsResult> DeleteBackendAsync(LsRequest request)
    {
        var backend = RequireBackend(request);
        await UpdateStateAsync(backend, request.Aborted);
        // label_studio/ml/models.py modify_project_model_version (pre_delete); MLBackendDetailAPI.get_object ran update_state first.
        if (FindProject(backend.ProjectId) is { } project && project.ModelVersion == backend.Title)
            project.ModelVersion = "";
        RemoveBackend(backend);
        return LsResult.Empty(204);
    }

    /// <summary><c>POST /api/ml/{id}/train</c>: START_TRAINING webhook; always an empty 200.</summary>
    private async Task<LsResult> TrainAsync(LsRequest request)
    {
        var backend = RequireBackend(request);
        // label_studio/ml/api.py MLBackendTrainAPI: always an empty 200; models.py MLBackend.train: TR or ER; api_connector.py MLApi.train: TIMEOUT_PREDICT.
        backend.State = "TR";
        backend.UpdatedAt = Now();
        var project = FindProject(backend.ProjectId);
        var body = new JsonObject
        {
            ["action"] = "START_TRAINING",
            ["project"] = project is null ? null : LsJson.WebhookProject(project),
        };
        var result = await _ml.CallAsync(
            HttpMethod.Post, backend.Url, "webhook", body, Options.PredictTimeout, BackendAuth(backend), request.Aborted);
        if (result.IsError)
        {
            backend.State = "ER";
            backend.ErrorMessage = result.Error;
            backend.UpdatedAt = Now();
        }

        // MLBackend.train() ends in self.save(): when a DELETE removed the row while the ML server trained, the UPDATE
        // matches nothing and Django INSERTs the row again, same id (Django's "How Django knows to UPDATE vs. INSERT").
        SaveBackend(backend);
        return LsResult.Empty(200);
    }

    /// <summary><c>GET /api/ml/{id}/versions</c>: no refresh; ML errors are passed through as <c>{"error"}</c>.</summary>
    private async Task<LsResult> VersionsAsync(LsRequest request)
    {
        var backend = RequireBackend(request);
        // label_studio/ml/api.py MLBackendVersionsAPI.get: 200, 404 fallback, else {"error"} with the ML status (500 when none).
        var result = await _ml.CallAsync(
            HttpMethod.Get, backend.Url, "versions", null, Options.SetupTimeout, BackendAuth(backend), request.Aborted);
        if (!result.IsError)
        {
            var versions = (result.Json as JsonObject)?["versions"]?.DeepClone() ?? new JsonArray();
            return LsResult.Json(200, new JsonObject { ["versions"] = versions });
        }

        if (result.StatusCode == 404)
        {
            return LsResult.Json(200, new JsonObject
            {
                ["versions"] = new JsonArray(backend.ModelVersion),
                ["message"] = "Upgrade your ML backend version to latest.",
            });
        }

        return LsResult.Json(result.StatusCode ?? 500, new JsonObject { ["error"] = result.Error });
    }

    /// <summary><c>POST /api/ml/{id}/interactive-annotating</c>: always 200 with <c>data</c> or <c>errors</c>.</summary>
    private async Task<LsResult> InteractiveAsync(LsRequest request)
    {
        var backend = RequireBackend(request);
        var data = await request.ReadDataAsync(_errors);
        // label_studio/ml/api.py MLBackendInteractiveAnnotating, serializers.py MLInteractiveAnnotatingRequest, models.py interactive_annotating.
        if (!data.TryGetPropertyValue("task", out var taskNode))
            return _errors.Validation("task", Required);
        if (taskNode is null)
            return _errors.Validation("task", "This field may not be null.");
        if (AsDouble(taskNode) is not { } taskNumber || taskNumber != Math.Floor(taskNumber)
            || taskNode.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
        {
            return _errors.Validation("task", "A valid integer is required.");
        }

        var project = FindProject(backend.ProjectId);
        var taskId = taskNumber is >= int.MinValue and <= int.MaxValue ? (int)taskNumber : -1;
        if (project is null || !project.TaskIds.Contains(taskId))
            return _errors.Envelope(404, "Not found.");

        if (!backend.IsInteractive)
            return Errors("Model is not set to be used for interactive preannotations");

        var body = new JsonObject
        {
            ["tasks"] = new JsonArray(LsJson.Task(taskId, TaskData(taskId), project, Now())),
            ["project"] = project.MlProjectKey,
            ["label_config"] = project.LabelConfig,
            ["params"] = new JsonObject
            {
                ["login"] = null,
                ["password"] = null,
                ["context"] = data["context"]?.DeepClone(),
            },
        };
        var result = await _ml.CallAsync(
            HttpMethod.Post, backend.Url, "predict", body, Options.PredictTimeout, BackendAuth(backend), request.Aborted);
        if (result.IsError)
            return Errors(result.Error!);
        if (result.Json is not JsonObject response || !response.ContainsKey("results"))
            return Errors("Incorrect response from ML service: ML backend returns an incorrect response, it must be a dict.");
        if (response["results"] is not JsonArray { Count: > 0 } results)
            return Errors("Incorrect response from ML service: ML backend has to return list with more than 1 result.");
        return LsResult.Json(200, new JsonObject { ["data"] = results[0]?.DeepClone() });

        static LsResult Errors(string message) => LsResult.Json(200, new JsonObject { ["errors"] = new JsonArray(message) });
    }
}
