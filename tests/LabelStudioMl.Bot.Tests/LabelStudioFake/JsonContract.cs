using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LabelStudioMl.Bot.Tests.LabelStudioFake;

/// <summary>
/// Compares a fake's JSON answer with a fixture: same keys everywhere and same texts once the parts that
/// legitimately vary (uuids, timestamps, scheme://host:port, urllib3 host/port) are normalised.
/// A fixture object with a <c>"..."</c> key only requires its listed keys; fixture strings in angle brackets match any text.
/// </summary>
internal static partial class JsonContract
{
    /// <summary>Same keys and same normalised strings; numbers and booleans only need the same kind.</summary>
    public static void AssertMatches(JsonNode? expected, JsonNode? actual) => Compare(expected, actual, "$", texts: true);

    /// <summary>Same keys and value kinds (null accepted for any kind), strings not compared.</summary>
    public static void AssertSameShape(JsonNode? expected, JsonNode? actual) => Compare(expected, actual, "$", texts: false);

    /// <summary>The variable parts of a text replaced by placeholders.</summary>
    public static string Normalize(string text)
    {
        text = Uuid().Replace(text, "<uuid>");
        text = Timestamp().Replace(text, "<ts>");
        text = PoolHost().Replace(text, "host='<host>', port=<port>");
        text = Origin().Replace(text, "<origin>");
        return text;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, bool texts)
    {
        if (expected is null || actual is null)
        {
            if (texts)
                Assert.True(expected is null && actual is null, $"{path}: expected {Show(expected)}, got {Show(actual)}");
            return;
        }

        switch (expected)
        {
            case JsonObject eo:
            {
                var ao = Assert.IsType<JsonObject>(actual, exactMatch: false);
                var open = eo.ContainsKey("...");
                var expectedKeys = eo.Select(kv => kv.Key).Where(k => k != "...").ToHashSet();
                var actualKeys = ao.Select(kv => kv.Key).ToHashSet();
                var missing = expectedKeys.Except(actualKeys).ToList();
                var extra = open ? [] : actualKeys.Except(expectedKeys).ToList();
                Assert.True(missing.Count == 0 && extra.Count == 0,
                    $"{path}: missing keys [{string.Join(", ", missing)}], unexpected keys [{string.Join(", ", extra)}]");
                foreach (var key in expectedKeys)
                    Compare(eo[key], ao[key], $"{path}.{key}", texts);
                return;
            }

            case JsonArray ea:
            {
                var aa = Assert.IsType<JsonArray>(actual, exactMatch: false);
                if (texts)
                {
                    Assert.True(ea.Count == aa.Count, $"{path}: expected {ea.Count} items, got {aa.Count}");
                    for (var i = 0; i < ea.Count; i++)
                        Compare(ea[i], aa[i], $"{path}[{i}]", texts);
                }
                else if (ea.Count > 0)
                {
                    for (var i = 0; i < aa.Count; i++)
                        Compare(ea[Math.Min(i, ea.Count - 1)], aa[i], $"{path}[{i}]", texts);
                }

                return;
            }

            default:
            {
                var ek = expected.GetValueKind();
                var ak = actual.GetValueKind();
                Assert.True(Kind(ek) == Kind(ak), $"{path}: expected a {ek}, got {ak} ({Show(actual)})");
                if (texts && ek == JsonValueKind.String && !IsPlaceholder(expected.GetValue<string>()))
                    Assert.Equal(Normalize(expected.GetValue<string>()), Normalize(actual.GetValue<string>()));
                return;
            }
        }
    }

    /// <summary>Fixture strings wholly in angle brackets (<c>"&lt;JWT access token&gt;"</c>, <c>"&lt;View&gt;...&lt;/View&gt;"</c>) are illustrative.</summary>
    private static bool IsPlaceholder(string text) => text.StartsWith('<') && text.EndsWith('>');

    private static JsonValueKind Kind(JsonValueKind kind) => kind == JsonValueKind.False ? JsonValueKind.True : kind;

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "null";

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"host='[^']*', port=\d+")]
    private static partial Regex PoolHost();

    [GeneratedRegex(@"https?://[^/\s'""]+")]
    private static partial Regex Origin();
}
