using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

public sealed partial class FakeLabelStudio
{
    private const string Required = "This field is required.";
    private const string PasswordRequired = "Authentication password is required for Basic Authentication.";

    /// <summary>Writable fields of <c>MLBackendSerializer</c> in <c>Meta.fields</c> order (DRF validates in this order).</summary>
    private static readonly string[] WritableFields =
    [
        "state", "is_interactive", "url", "error_message", "title", "auth_method", "basic_auth_user", "basic_auth_pass",
        "description", "extra_params", "model_version", "timeout", "auto_update", "project",
    ];

    private static readonly string[] States = ["CO", "DI", "ER", "TR", "PR"];
    private static readonly string[] AuthMethods = ["NONE", "BASIC_AUTH"];

    /// <summary>
    /// <c>serializer.is_valid()</c>: field validation (url checks raise 403/500 immediately), then <c>validate()</c>
    /// with only the sent fields: authentication, health check, setup (docs/label-studio-behaviour.md, "Label Studio: ML backends").
    /// </summary>
    private async Task<Dictionary<string, object?>> ValidateBackendAsync(
        JsonObject data, FakeBackend? instance, bool form, CancellationToken cancellationToken)
    {
        // label_studio/ml/serializers.py MLBackendSerializer: Meta.fields order, then validate(); DRF fields.py / relations.py texts.
        var attrs = new Dictionary<string, object?>();
        var errors = new JsonObject();
        foreach (var field in WritableFields)
        {
            if (!data.TryGetPropertyValue(field, out var value))
            {
                if (instance is null && field is "url" or "project")
                    errors[field] = new JsonArray(Required);
                else if (instance is null && form && field is "is_interactive" or "auto_update")
                    // DRF rest_framework/fields.py BooleanField.default_empty_html = False.
                    attrs[field] = false; // gotcha 8: an omitted BooleanField in form data is false
                continue;
            }

            if (form && value is JsonValue v && v.GetValueKind() == JsonValueKind.String && field is "extra_params")
                value = ParseFormJson(v.ToString());

            var error = ValidateField(field, value, instance, attrs);
            if (error is not null)
                errors[field] = new JsonArray(error);
        }

        if (errors.Count > 0)
            throw new LsResultException(_errors.Validation(errors));

        ValidateAuthentication(attrs);
        await ValidateHealthcheckAsync(attrs, cancellationToken);
        await ValidateSetupAsync(attrs, cancellationToken);
        return attrs;
    }

    /// <summary>One field's <c>run_validation</c> plus its <c>validate_&lt;field&gt;</c>; returns the error text.</summary>
    private string? ValidateField(string field, JsonNode? value, FakeBackend? instance, Dictionary<string, object?> attrs)
    {
        switch (field)
        {
            case "state" or "auth_method":
            {
                var choices = field == "state" ? States : AuthMethods;
                var text = AsString(value);
                if (text is null || !choices.Contains(text))
                    return value is null ? "This field may not be null." : $"\"{text ?? value.ToJsonString()}\" is not a valid choice.";
                attrs[field] = text;
                return null;
            }

            case "is_interactive" or "auto_update":
            {
                if (value is null)
                    return "This field may not be null.";
                if (AsBoolean(value) is not { } flag)
                    return "Must be a valid boolean.";
                attrs[field] = flag;
                return null;
            }

            case "url":
            {
                if (value is null)
                    return "This field may not be null.";
                var url = AsString(value);
                if (url is null)
                    return "Not a valid string.";
                url = url.Trim();
                if (url.Length == 0)
                    return "This field may not be blank.";
                ValidateUrl(url);
                attrs[field] = url;
                return null;
            }

            case "basic_auth_pass":
            {
                var pass = value is null ? null : AsString(value) ?? value.ToJsonString();
                if (string.IsNullOrEmpty(pass))
                {
                    // label_studio/ml/serializers.py, validate_basic_auth_pass: an empty or null password means the
                    // stored one, so the password can never be cleared through the API.
                    // validate_basic_auth_pass reads self.instance, which is None on create.
                    if (instance is null)
                        throw _errors.Fail(500, "'NoneType' object has no attribute 'basic_auth_pass'");
                    if (string.IsNullOrEmpty(instance.BasicAuthPass))
                        return PasswordRequired;
                    pass = instance.BasicAuthPass;
                }

                attrs[field] = pass;
                return null;
            }

            case "extra_params":
                attrs[field] = value?.DeepClone();
                return null;

            case "timeout":
            {
                if (value is null)
                    return "This field may not be null.";
                if (AsDouble(value) is not { } seconds)
                    return "A valid number is required.";
                attrs[field] = seconds;
                return null;
            }

            case "project":
                return ValidateProjectField(value, attrs);

            default:
            {
                // error_message, title, basic_auth_user, description, model_version: nullable text.
                if (value is null)
                {
                    attrs[field] = null;
                    return null;
                }

                var text = AsString(value);
                if (text is null)
                    return "Not a valid string.";
                attrs[field] = text;
                return null;
            }
        }
    }

    private string? ValidateProjectField(JsonNode? value, Dictionary<string, object?> attrs)
    {
        if (value is null)
            return "This field may not be null.";
        if (value is not JsonValue v || v.GetValueKind() is not (JsonValueKind.Number or JsonValueKind.String))
        {
            var kind = value is JsonArray ? "list" : value is JsonObject ? "dict" : "bool";
            return $"Incorrect type. Expected pk value, received {kind}.";
        }

        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
        {
            return value.GetValueKind() == JsonValueKind.String
                ? "Incorrect type. Expected pk value, received str."
                : $"Invalid pk \"{text}\" - object does not exist.";
        }

        if (FindProject(id) is null)
            return $"Invalid pk \"{text}\" - object does not exist.";
        attrs["project"] = id;
        return null;
    }

    /// <summary><c>core.utils.io.validate_upload_url</c>: 403 for a non-http(s) scheme, 500 for an unknown host.</summary>
    private void ValidateUrl(string url)
    {
        // label_studio/ml/serializers.py validate_url -> label_studio/core/utils/io.py validate_upload_url.
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 ? url[..colon].ToLowerInvariant() : "";
        if (scheme is not ("http" or "https"))
            throw _errors.Fail(403, "The provided URL was not valid. URLs must begin with http:// or https://, and cannot be local IPs.");
        var host = Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Host.Length > 0 ? parsed.Host : null;
        if (host is null || !_hosts.IsReachable(host))
            throw _errors.Fail(500, $"Can't resolve hostname {host?.ToLowerInvariant() ?? "None"}");
    }

    /// <summary><c>_validate_authentication</c>.</summary>
    private void ValidateAuthentication(Dictionary<string, object?> attrs)
    {
        // label_studio/ml/serializers.py MLBackendSerializer._validate_authentication.
        if (attrs.GetValueOrDefault("auth_method") as string != "BASIC_AUTH")
            return;
        // Upstream checks that the keys were sent, not that they hold anything.
        if (!attrs.ContainsKey("basic_auth_user") || !attrs.ContainsKey("basic_auth_pass"))
        {
            throw _errors.FailValidation("non_field_errors", "Authentication username and password is required for Basic Authentication.");
        }
    }

    /// <summary><c>_validate_healthcheck</c>: <c>MLBackend.healthcheck_(**attrs)</c>.</summary>
    private async Task ValidateHealthcheckAsync(Dictionary<string, object?> attrs, CancellationToken cancellationToken)
    {
        // label_studio/ml/serializers.py _validate_healthcheck; models.py MLBackend.healthcheck_(url, ...) gets **attrs (no url: TypeError, 500).
        if (attrs.GetValueOrDefault("url") is not string url)
            throw _errors.Fail(500, "MLBackend.healthcheck_() missing 1 required positional argument: 'url'");
        var result = await HealthAsync(url, SentAuth(attrs), cancellationToken);
        if (!result.IsError)
            return;
        if (result.StatusCode == 401)
        {
            throw _errors.FailValidation("non_field_errors",
                "Able to connect to ML Server, but authentication parameters were either not provided or are incorrect.");
        }

        throw _errors.FailValidation("non_field_errors",
            $"Can't connect to ML backend {url}, health check failed. Make sure it is up and your firewall is properly configured. " +
            $"<a href=\"https://labelstud.io/guide/ml.html\">Learn more</a> about how to set up an ML backend. Additional info: {result.Error}");
    }

    /// <summary><c>_validate_setup</c>: <c>MLBackend.setup_(**attrs)</c>.</summary>
    private async Task ValidateSetupAsync(Dictionary<string, object?> attrs, CancellationToken cancellationToken)
    {
        // label_studio/ml/serializers.py _validate_setup; models.py MLBackend.setup_(url, project, ...) gets **attrs.
        var url = (string)attrs["url"]!;
        if (attrs.GetValueOrDefault("project") is not int projectId || FindProject(projectId) is not { } project)
            throw _errors.Fail(500, "MLBackend.setup_() missing 1 required positional argument: 'project'");
        var result = await SetupAsync(url, project, attrs.GetValueOrDefault("extra_params") as JsonNode, SentAuth(attrs), cancellationToken);
        if (!result.IsError)
            return;
        throw _errors.FailValidation("non_field_errors",
            $"Successfully connected to {url} but it doesn't look like a valid ML backend. Reason: {result.Error}.\n" +
            "Check the ML backend server console logs to check the status.There might be something wrong with your model " +
            "or it might be incompatible with the current labeling configuration.");
    }

    /// <summary>
    /// Basic credentials from the sent fields only (PATCH without them goes out without auth), used whenever both are
    /// non-empty whatever <c>auth_method</c> says: <c>label_studio/ml/models.py</c> (<c>healthcheck_</c>, <c>setup_</c>
    /// pass <c>**attrs</c> to <c>MLApi</c>) and <c>label_studio/ml/api_connector.py</c> (<c>BaseHTTPAPI._prepare_kwargs</c>).
    /// </summary>
    private static (string, string)? SentAuth(Dictionary<string, object?> attrs) =>
        attrs.GetValueOrDefault("basic_auth_user") is string { Length: > 0 } user
        && attrs.GetValueOrDefault("basic_auth_pass") is string { Length: > 0 } pass
            ? (user, pass)
            : null;

    private static void ApplyAttributes(FakeBackend backend, Dictionary<string, object?> attrs)
    {
        foreach (var (field, value) in attrs)
        {
            switch (field)
            {
                case "state": backend.State = (string)value!; break;
                case "is_interactive": backend.IsInteractive = (bool)value!; break;
                case "url": backend.Url = (string)value!; break;
                case "error_message": backend.ErrorMessage = (string?)value; break;
                case "title": backend.Title = (string?)value; break;
                case "auth_method": backend.AuthMethod = (string)value!; break;
                case "basic_auth_user": backend.BasicAuthUser = (string?)value; break;
                case "basic_auth_pass": backend.BasicAuthPass = (string?)value; break;
                case "description": backend.Description = (string?)value; break;
                case "extra_params": backend.ExtraParams = (JsonNode?)value; break;
                case "model_version": backend.ModelVersion = (string?)value; break;
                case "timeout": backend.Timeout = (double)value!; break;
                case "auto_update": backend.AutoUpdate = (bool)value!; break;
                case "project": backend.ProjectId = (int)value!; break;
            }
        }
    }

    private static string? AsString(JsonNode? value) => value is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => v.ToJsonString(),
            _ => null,
        }
        : null;

    private static bool? AsBoolean(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String or JsonValueKind.Number => value.ToString().ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" or "t" or "y" => true,
            "false" or "0" or "no" or "off" or "f" or "n" => false,
            _ => null,
        },
        _ => null,
    };

    private static double? AsDouble(JsonNode value) =>
        value.GetValueKind() is JsonValueKind.Number or JsonValueKind.String
        && double.TryParse(value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : null;

    private static JsonNode? ParseFormJson(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
