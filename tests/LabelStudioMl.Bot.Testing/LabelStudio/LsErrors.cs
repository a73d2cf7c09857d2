using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>The Label Studio error envelope (<c>custom_exception_handler</c>; docs/label-studio-behaviour.md, "Label Studio: HTTP and Django").</summary>
internal sealed class LsErrors(FakeLabelStudioOptions options)
{
    public const string NoCredentials = "Authentication credentials were not provided.";

    public LsResult Envelope(int status, string detail, JsonObject? validationErrors = null)
    {
        // label_studio/core/utils/common.py custom_exception_handler: the envelope, validation_errors on 400.
        var body = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["status_code"] = status,
            ["version"] = options.Version,
            ["detail"] = detail,
            ["exc_info"] = null,
        };
        if (validationErrors is not null)
            body["validation_errors"] = validationErrors;
        return LsResult.Json(status, body);
    }

    /// <summary>A 400 with <c>detail: "Validation error"</c>.</summary>
    public LsResult Validation(JsonObject errors) => Envelope(400, "Validation error", errors);

    /// <summary>A 400 with one message for one field (or <c>non_field_errors</c>).</summary>
    public LsResult Validation(string field, string message) =>
        Validation(new JsonObject { [field] = new JsonArray(message) });

    public LsResultException Fail(int status, string detail) => new(Envelope(status, detail));

    public LsResultException FailValidation(string field, string message) => new(Validation(field, message));
}
