using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

public sealed partial class FakeLabelStudio
{
    private enum Route
    {
        MlList,
        MlDetail,
        MlTrain,
        MlVersions,
        MlInteractive,
        Projects,
        WebhookList,
        WebhookDetail,
        WhoAmI,
        TokenRefresh,
    }

    // label_studio/ml/urls.py: only the list route ends in '/'; the id routes have none, so '/api/ml/5/' matches nothing.
    [GeneratedRegex(@"^/api/ml/(?<id>[0-9]+)(?<rest>/train|/versions|/interactive-annotating)?$")]
    private static partial Regex MlIdRoute();

    // label_studio/webhooks/urls.py: both routes end in '/'; a slashless request is re-dispatched with one (gotcha 7),
    // so its 404s stay JSON.
    [GeneratedRegex(@"^/api/webhooks/(?<id>[0-9]+)/?$")]
    private static partial Regex WebhookIdRoute();

    private async Task<LsResult> DispatchAsync(HttpContext context, RecordedRequest recorded)
    {
        if (!TryRoute(recorded.Path, out var route, out var id, out var slashless))
            return LsResult.HtmlNotFound();

        var request = new LsRequest(context, recorded, id);
        LsResult result;
        try
        {
            result = await RunAsync(route, request);
        }
        catch (LsResultException e)
        {
            result = e.Result;
        }
#pragma warning disable CA1031 // Like Django: any unhandled exception becomes the 500 envelope.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            result = _errors.Envelope(500, e.Message);
        }

        // label_studio/core/middleware.py CommonMiddlewareAppendSlashWithoutRedirect; django/middleware/common.py should_redirect_with_slash.
        // Gotcha 7: a 404 on a natively slashless route is re-dispatched to path + '/', which renders templates/404.html.
        return result.Status == 404 && slashless ? LsResult.HtmlNotFound() : result;
    }

    private async Task<LsResult> RunAsync(Route route, LsRequest request)
    {
        if (route == Route.TokenRefresh)
            return request.Method == "POST" ? await RefreshTokenAsync(request) : MethodNotAllowed(request);

        if (Authenticate(request) is { } unauthenticated)
            return unauthenticated;

        return (route, request.Method) switch
        {
            (Route.MlList, "GET") => await ListBackendsAsync(request),
            (Route.MlList, "POST") => await CreateBackendAsync(request),
            (Route.MlDetail, "GET") => await GetBackendAsync(request),
            (Route.MlDetail, "PATCH" or "PUT") => await UpdateBackendAsync(request),
            (Route.MlDetail, "DELETE") => await DeleteBackendAsync(request),
            (Route.MlTrain, "POST") => await TrainAsync(request),
            (Route.MlVersions, "GET") => await VersionsAsync(request),
            (Route.MlInteractive, "POST") => await InteractiveAsync(request),
            (Route.Projects, "GET") => ListProjects(request),
            (Route.WebhookList, "GET") => ListWebhooks(request),
            (Route.WebhookDetail, "GET") => GetWebhook(request),
            (Route.WebhookDetail, "DELETE") => DeleteWebhook(request),
            (Route.WhoAmI, "GET") => LsResult.Json(200, LsJson.WhoAmI(Now())),
            _ => MethodNotAllowed(request),
        };
    }

    // DRF rest_framework/exceptions.py MethodNotAllowed (raised by APIView.http_method_not_allowed).
    private LsResult MethodNotAllowed(LsRequest request) =>
        _errors.Envelope(405, $"Method \"{request.Method}\" not allowed.");

    private static bool TryRoute(string path, out Route route, out int? id, out bool slashless)
    {
        id = null;
        slashless = false;
        switch (path)
        {
            case "/api/ml/" or "/api/ml":
                route = Route.MlList;
                return true;
            case "/api/projects/" or "/api/projects":
                route = Route.Projects;
                return true;
            case "/api/webhooks/" or "/api/webhooks":
                route = Route.WebhookList;
                return true;
            case "/api/current-user/whoami":
                route = Route.WhoAmI;
                slashless = true;
                return true;
            case "/api/token/refresh/" or "/api/token/refresh":
                route = Route.TokenRefresh;
                return true;
        }

        route = default;
        if (WebhookIdRoute().Match(path) is { Success: true } webhook)
        {
            route = Route.WebhookDetail;
            id = ParseId(webhook);
            return true;
        }

        var match = MlIdRoute().Match(path);
        if (!match.Success)
            return false;
        slashless = true;
        id = ParseId(match);
        route = match.Groups["rest"].Value switch
        {
            "/train" => Route.MlTrain,
            "/versions" => Route.MlVersions,
            "/interactive-annotating" => Route.MlInteractive,
            _ => Route.MlDetail,
        };
        return true;
    }

    // An id beyond int range matches the route but finds no row.
    private static int ParseId(Match match) =>
        int.TryParse(match.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : -1;

    /// <summary>The backend of an id route, or a 404 (HTML by the time it leaves, see gotcha 7).</summary>
    private FakeBackend RequireBackend(LsRequest request) =>
        (request.Id is { } id ? FindBackend(id) : null) ?? throw _errors.Fail(404, "Not found.");
}
