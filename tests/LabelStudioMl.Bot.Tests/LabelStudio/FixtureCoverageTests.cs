using System.Reflection;
using LabelStudioMl.Bot.LabelStudio;
using Refit;

namespace LabelStudioMl.Bot.Tests.LabelStudio;

/// <summary>Every Label Studio fixture has a reader in the tests, and every route of the client is in Label Studio's schema (or, for webhooks, its URL conf).</summary>
public sealed class FixtureCoverageTests
{
    // Token creation and rotation: endpoints the bot never calls.
    private static readonly string[] NotUsedByTheBot =
    [
        "verbatim/sdk-fern-token-create.response.json",
        "verbatim/sdk-fern-token-rotate.response.json",
    ];

    // Routes outside the schema's ML subset, as declared in Label Studio's source: label_studio/webhooks/urls.py and
    // api.py (WebhookListAPI, WebhookAPI; "webhooks list" and "webhooks delete" in the public schema).
    private static readonly string[] WebhookRoutes = ["get /api/webhooks/", "delete /api/webhooks/{id}/"];

    /// <summary>
    /// A fixture counts as read when a test source (tests of the client, or the fake and its tests for the payloads
    /// exchanged with ML servers) names it; a new fixture fails this until something reads it.
    /// </summary>
    [Fact]
    public void Every_fixture_is_read_by_a_contract_test()
    {
        var source = string.Join("\n", Directory.GetFiles(Path.Combine(Testing.RepositoryPaths.Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(nameof(FixtureCoverageTests) + ".cs", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var root = Fixtures.Path("");

        var unread = Directory.GetFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => f != "openapi-ml-subset.json" && !NotUsedByTheBot.Contains(f))
            .Where(f => !source.Contains(Path.GetFileName(f), StringComparison.Ordinal))
            .ToList();

        Assert.True(unread.Count == 0, "Fixtures no test reads: " + string.Join(", ", unread));
    }

    [Fact]
    public void Every_client_route_exists_in_Label_Studios_OpenAPI_schema()
    {
        var paths = Fixtures.Node("openapi-ml-subset.json")["paths"]!.AsObject().Select(p => p.Key).ToHashSet();
        var routes = typeof(ILabelStudioApi).GetMethods()
            .Select(m => m.GetCustomAttribute<HttpMethodAttribute>()!)
            .Select(a => (Method: a.Method.Method.ToLowerInvariant(), a.Path))
            .ToList();

        Assert.Equal(13, routes.Count);
        foreach (var (method, path) in routes)
        {
            if (path.StartsWith("/api/webhooks/", StringComparison.Ordinal))
            {
                Assert.Contains($"{method} {path}", WebhookRoutes);
                continue;
            }

            Assert.Contains(path, paths);
            Assert.NotNull(Fixtures.Node("openapi-ml-subset.json")["paths"]![path]![method]);
        }
    }
}
