using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

public sealed partial class FakeLabelStudio
{
    private const string LsHostname = "http://localhost:8080";

    /// <summary><c>update_state()</c>: health, then setup, then save.</summary>
    private async Task UpdateStateAsync(FakeBackend backend, CancellationToken cancellationToken)
    {
        if (backend.Frozen)
            return;
        // label_studio/ml/models.py MLBackend.update_state: health fail -> DI (error kept); setup fail -> ER; else CO, auto_update version.
        var auth = BackendAuth(backend);
        var health = await HealthAsync(backend.Url, auth, cancellationToken);
        if (health.IsError)
        {
            backend.State = "DI";
        }
        else
        {
            var project = FindProject(backend.ProjectId);
            var setup = project is null
                ? new MlCallResult(null, null, "Project matching query does not exist.")
                : await SetupAsync(backend.Url, project, backend.ExtraParams, auth, cancellationToken);
            if (setup.IsError)
            {
                backend.State = "ER";
                backend.ErrorMessage = setup.Error;
            }
            else
            {
                backend.State = "CO";
                backend.ErrorMessage = null;
                if (backend.AutoUpdate)
                    backend.ModelVersion = (setup.Json as JsonObject)?["model_version"]?.ToString();
            }
        }

        backend.UpdatedAt = Now();
    }

    private Task<MlCallResult> HealthAsync(string url, (string, string)? auth, CancellationToken cancellationToken) =>
        _ml.CallAsync(HttpMethod.Get, url, "health", null, Options.HealthTimeout, auth, cancellationToken);

    private Task<MlCallResult> SetupAsync(
        string url, FakeProject project, JsonNode? extraParams, (string, string)? auth, CancellationToken cancellationToken)
    {
        // label_studio/ml/api_connector.py MLApi.setup: project uid, schema, hostname, access_token, extra_params; TIMEOUT_SETUP.
        var body = new JsonObject
        {
            ["project"] = project.MlProjectKey,
            ["schema"] = project.LabelConfig,
            ["hostname"] = LsHostname,
            ["access_token"] = LegacyToken,
            ["extra_params"] = extraParams?.DeepClone(),
        };
        return _ml.CallAsync(HttpMethod.Post, url, "setup", body, Options.SetupTimeout, auth, cancellationToken);
    }

    private static (string, string)? BackendAuth(FakeBackend backend) =>
        backend.UsesBasicAuth ? (backend.BasicAuthUser!, backend.BasicAuthPass!) : null;
}
