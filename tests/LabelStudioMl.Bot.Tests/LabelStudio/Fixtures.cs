using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.LabelStudio.Json;
using LabelStudioMl.Bot.Testing;

namespace LabelStudioMl.Bot.Tests.LabelStudio;

/// <summary>Reads Label Studio fixtures from shared/fixtures/label-studio and serializes our requests the way the client does.</summary>
internal static class Fixtures
{
    public static string Path(string relative) => RepositoryPaths.Fixture("label-studio", relative);

    public static string Text(string relative) => File.ReadAllText(Path(relative));

    public static JsonNode Node(string relative) => JsonNode.Parse(Text(relative))!;

    public static T Read<T>(string relative) =>
        (T)JsonSerializer.Deserialize(Text(relative), typeof(T), LabelStudioJsonContext.Default)!;

    public static JsonNode Wire<T>(T value) =>
        JsonNode.Parse(JsonSerializer.Serialize(value, typeof(T), LabelStudioJsonContext.Default))!;

    /// <summary>Every member of <paramref name="expected"/> is in <paramref name="actual"/> with an equal value.</summary>
    public static void AssertContains(JsonNode expected, JsonNode actual)
    {
        var missing = expected.AsObject()
            .Where(p => !actual.AsObject().TryGetPropertyValue(p.Key, out var value) || !JsonNode.DeepEquals(p.Value, value))
            .Select(p => $"{p.Key}={p.Value?.ToJsonString()} (ours: {actual[p.Key]?.ToJsonString() ?? "absent"})")
            .ToList();
        Assert.True(missing.Count == 0, $"Our body lacks or differs in: {string.Join(", ", missing)}; ours: {actual.ToJsonString()}");
    }

    public static void AssertJsonEqual(JsonNode expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}\n but was {actual.ToJsonString()}");
}
