using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>One request to the fake Label Studio, routed.</summary>
internal sealed class LsRequest(HttpContext http, RecordedRequest recorded, int? id)
{
    public HttpContext Http { get; } = http;

    public RecordedRequest Recorded { get; } = recorded;

    /// <summary>The <c>&lt;int:pk&gt;</c> of the route, when it has one.</summary>
    public int? Id { get; } = id;

    public string Method => Recorded.Method;

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>The body sent as a form (DRF then treats omitted booleans as false).</summary>
    public bool IsForm => Http.Request.HasFormContentType;

    public string? Query(string name) =>
        Http.Request.Query.TryGetValue(name, out var values) ? values.ToString() : null;

    /// <summary>DRF's <c>request.data</c> as a JSON object; form fields become strings.</summary>
    public async Task<JsonObject> ReadDataAsync(LsErrors errors)
    {
        if (Http.Request.HasFormContentType)
            return await ReadFormAsync();

        // DRF rest_framework/request.py Request._parse, parsers.py JSONParser, exceptions.py UnsupportedMediaType; ml/api.py parser_classes.
        // DRF: no content type means no data; a type without a parser is a 415.
        var contentType = Http.Request.ContentType;
        if (string.IsNullOrEmpty(contentType) || string.IsNullOrWhiteSpace(Recorded.Body))
            return [];
        if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw errors.Fail(415, $"Unsupported media type \"{contentType}\" in request.");
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(Recorded.Body);
        }
        catch (JsonException e)
        {
            throw errors.Fail(400, "JSON parse error - " + e.Message);
        }

        return node as JsonObject ?? throw errors.FailValidation(
            "non_field_errors", $"Invalid data. Expected a dictionary, but got {PythonTypeName(node)}.");
    }

    private static string PythonTypeName(JsonNode? node) => node switch
    {
        JsonArray => "list",
        null => "NoneType",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => "str",
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "int",
    };

    /// <summary>Form fields (url-encoded or multipart, as the Django test client sends) as strings.</summary>
    private async Task<JsonObject> ReadFormAsync()
    {
        var form = new JsonObject();
        var contentType = MediaTypeHeaderValue.Parse(Http.Request.ContentType);
        if (!contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var (key, value) in QueryHelpers.ParseQuery(Recorded.Body))
                form[key] = value.ToString();
            return form;
        }

        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value ?? "";
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(Recorded.Body));
        var reader = new MultipartReader(boundary, body);
        while (await reader.ReadNextSectionAsync(Aborted) is { } section)
        {
            var disposition = section.GetContentDispositionHeader();
            if (disposition?.Name.Value is not { } name)
                continue;
            using var text = new StreamReader(section.Body, Encoding.UTF8);
            form[HeaderUtilities.RemoveQuotes(name).Value ?? name] = await text.ReadToEndAsync(Aborted);
        }

        return form;
    }
}
