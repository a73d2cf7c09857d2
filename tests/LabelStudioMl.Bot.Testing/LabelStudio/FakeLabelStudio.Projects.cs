using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

public sealed partial class FakeLabelStudio
{
    private const int DefaultPageSize = 30;
    private const int MaxPageSize = 100;

    /// <summary><c>GET /api/projects/</c>: PageNumberPagination, newest first, <c>title</c> icontains, <c>ids</c> list.</summary>
    private LsResult ListProjects(LsRequest request)
    {
        // label_studio/projects/api.py ProjectListPagination (30, page_size) + ProjectFilterSet; DRF rest_framework/pagination.py PageNumberPagination.
        IEnumerable<FakeProject> projects = Projects.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id);
        if (request.Query("title") is { Length: > 0 } title)
            projects = projects.Where(p => p.Title.Contains(title, StringComparison.OrdinalIgnoreCase));
        if (request.Query("ids") is { Length: > 0 } ids)
        {
            var wanted = ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(id => int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
                .ToHashSet();
            projects = projects.Where(p => wanted.Contains(p.Id));
        }

        var all = projects.ToList();

        var pageSize = int.TryParse(request.Query("page_size"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
            ? Math.Min(size, MaxPageSize)
            : DefaultPageSize;
        var pageCount = Math.Max(1, (all.Count + pageSize - 1) / pageSize);
        var pageText = request.Query("page") ?? "1";
        var page = pageText == "last" ? pageCount
            : int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        if (page < 1 || page > pageCount)
            return _errors.Envelope(404, "Invalid page.");

        var results = new JsonArray([.. all.Skip((page - 1) * pageSize).Take(pageSize).Select(x => (JsonNode)LsJson.Project(x))]);
        return LsResult.Json(200, new JsonObject
        {
            ["count"] = all.Count,
            ["next"] = page < pageCount ? PageUrl(request, page + 1) : null,
            ["previous"] = page > 1 ? PageUrl(request, page - 1) : null,
            ["results"] = results,
        });
    }

    /// <summary>DRF's <c>replace_query_param</c> / <c>remove_query_param</c> for page 1, on the absolute URL.</summary>
    private static string PageUrl(LsRequest request, int page)
    {
        var http = request.Http.Request;
        var query = QueryHelpers.ParseQuery(http.QueryString.Value)
            .Where(kv => kv.Key != "page")
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .ToList();
        if (page > 1)
            query.Add(new("page", page.ToString(CultureInfo.InvariantCulture)));
        var path = $"{http.Scheme}://{http.Host}{http.PathBase}{http.Path}";
        return query.Count == 0 ? path : QueryString.Create(query).ToUriComponent().Insert(0, path);
    }
}
