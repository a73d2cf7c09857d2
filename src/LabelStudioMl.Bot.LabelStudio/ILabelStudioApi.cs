using LabelStudioMl.Bot.LabelStudio.Models;
using Refit;

namespace LabelStudioMl.Bot.LabelStudio;

/// <summary>
/// Label Studio's REST API as far as the bot uses it (docs/label-studio-behaviour.md, "Label Studio: ML backends" and "Label Studio: authentication"). Of the ML routes only the list carries
/// a trailing slash (<c>/api/ml/5/</c> is a 404); every webhook route has one (<c>label_studio/webhooks/urls.py</c>). Prefer <see cref="LabelStudioClient"/>, which turns every failure into a
/// <see cref="Errors.LabelStudioException"/> and knows the quirks (read–modify–write update, errors inside 200s).
/// </summary>
public interface ILabelStudioApi
{
    /// <summary><c>GET /api/ml/?project=</c>: a plain array, every backend health-checked first (slow).</summary>
    [Get("/api/ml/")]
    Task<List<MlBackend>> ListBackendsAsync(int project, CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/ml/{id}</c>.</summary>
    [Get("/api/ml/{id}")]
    Task<MlBackend> GetBackendAsync(int id, CancellationToken cancellationToken = default);

    /// <summary><c>POST /api/ml/</c>: 201 with the backend after Label Studio checked the ML server.</summary>
    [Post("/api/ml/")]
    Task<MlBackend> AddBackendAsync([Body] MlBackendCreateRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>PATCH /api/ml/{id}</c>: the body must hold <c>url</c> and <c>project</c>.</summary>
    [Patch("/api/ml/{id}")]
    Task<MlBackend> UpdateBackendAsync(int id, [Body] MlBackendPatchRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>DELETE /api/ml/{id}</c>: 204.</summary>
    [Delete("/api/ml/{id}")]
    Task RemoveBackendAsync(int id, CancellationToken cancellationToken = default);

    /// <summary><c>POST /api/ml/{id}/train</c>: 200 with an empty body whatever happened; may block until training ends.</summary>
    [Post("/api/ml/{id}/train")]
    Task TrainAsync(int id, [Body] TrainRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/ml/{id}/versions</c>: the ML server's answer passed through.</summary>
    [Get("/api/ml/{id}/versions")]
    Task<MlBackendVersions> GetVersionsAsync(int id, CancellationToken cancellationToken = default);

    /// <summary><c>POST /api/ml/{id}/interactive-annotating</c>: always 200, with data or errors.</summary>
    [Post("/api/ml/{id}/interactive-annotating")]
    Task<InteractiveAnnotatingResponse> InteractiveAnnotatingAsync(int id, [Body] InteractiveAnnotatingRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/webhooks/?project=</c>: the project's webhooks, a plain array.</summary>
    [Get("/api/webhooks/")]
    Task<List<Webhook>> ListWebhooksAsync(int project, CancellationToken cancellationToken = default);

    /// <summary><c>DELETE /api/webhooks/{id}/</c>: 204.</summary>
    [Delete("/api/webhooks/{id}/")]
    Task RemoveWebhookAsync(int id, CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/projects/</c>: one page (at most 100 projects).</summary>
    [Get("/api/projects/")]
    Task<ProjectsPage> GetProjectsAsync(int page, [AliasAs("page_size")] int pageSize, string? title = null, CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/current-user/whoami</c>.</summary>
    [Get("/api/current-user/whoami")]
    Task<CurrentUser> WhoAmIAsync(CancellationToken cancellationToken = default);

    /// <summary><c>POST /api/token/refresh/</c>: exchanges a personal access token for an access token. Sent without credentials.</summary>
    [Post("/api/token/refresh/")]
    Task<TokenRefreshResponse> RefreshTokenAsync([Body] TokenRefreshRequest request, CancellationToken cancellationToken = default);
}
