using System.Text.Json;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Testing;

namespace LabelStudioMl.Bot.Tests.Presentation;

/// <summary>Backends and projects for presentation tests.</summary>
internal static class Backends
{
    public const string LabelStudioUrl = "https://ls.example.com/";

    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static readonly Project Cars = new() { Id = 3, Title = "Cars" };

    public static readonly IReadOnlyDictionary<int, Project> Projects = new Dictionary<int, Project> { [3] = Cars };

    public static MlBackend Connected(int id = 12, string title = "yolo-v8", int project = 3) => new()
    {
        Id = id,
        Title = title,
        Project = project,
        State = MlBackendState.Connected,
        Url = "http://ml-backend:9090",
        ModelVersion = "0.0.1",
        UpdatedAt = DateTimeOffset.FromUnixTimeSeconds(1_754_654_401),
    };

    public static MlBackend InError(int id = 9, string error = "500 Server Error: INTERNAL SERVER ERROR for url: http://ml-broken:9090/setup") =>
        Connected(id, "broken") with { State = MlBackendState.Error, ErrorMessage = error };

    public static MlBackend Disconnected(int id = 8) => Connected(id, "down-model") with { State = MlBackendState.Disconnected };

    /// <summary>The three backends of the shared example list (CO 7, DI 8 with basic auth, ER 9), as Label Studio sends them.</summary>
    public static IReadOnlyList<MlBackend> FromFixture()
    {
        var path = RepositoryPaths.Fixture("label-studio", "derived", "ml-list.response.example.json");
        return JsonSerializer.Deserialize<List<MlBackend>>(File.ReadAllText(path), SnakeCase)!;
    }
}
