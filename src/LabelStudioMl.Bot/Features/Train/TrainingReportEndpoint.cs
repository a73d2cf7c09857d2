using System.Net;
using System.Security.Cryptography;
using System.Text;
using LabelStudioMl.Bot.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Features.Train;

/// <summary>
/// <c>POST /training/report</c> on the health server: the ML server's <c>fit()</c> says for sure how training ended
/// (<see cref="MlTrainingReport"/>), with <c>Authorization: Bearer &lt;Training:ReportSecret&gt;</c>. Answers 202 once
/// the report is matched to the project's run in flight, which is then told once; plain-text answers name the problem
/// otherwise (401 secret, 400 body, 404 no run, 409 several runs, 413 too large). Off (404) without a secret.
/// </summary>
internal sealed partial class TrainingReportEndpoint(
    TrainingRunStore runs, TrainingRunner runner, IOptions<TrainingSettings> options, ILogger<TrainingReportEndpoint> logger) : IHealthRoute
{
    public const string Path = "/training/report";

    /// <summary>A report is a few hundred bytes; this leaves room for many metrics and a long error.</summary>
    private const long MaxBody = 64 * 1024;

    public void Map(IEndpointRouteBuilder routes) => routes.MapPost(Path, HandleAsync);

    private async Task HandleAsync(HttpContext context)
    {
        var secret = options.Value.ReportSecret;
        if (secret.Length == 0)
        {
            await AnswerAsync(context, HttpStatusCode.NotFound,
                "Training reports are off: set Training:ReportSecret (environment variable Training__ReportSecret) on the bot and send it as Authorization: Bearer <secret>.");
            return;
        }

        if (!Authorized(context.Request.Headers.Authorization.ToString(), secret))
        {
            LogRefused(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await AnswerAsync(context, HttpStatusCode.Unauthorized,
                "The report needs the header Authorization: Bearer <Training:ReportSecret>; it had none or another secret.");
            return;
        }

        if (await ReadBodyAsync(context) is not { } body)
        {
            await AnswerAsync(context, HttpStatusCode.RequestEntityTooLarge, $"The report is larger than {MaxBody / 1024} KiB: send fewer metrics or a shorter error.");
            return;
        }

        var (report, problem) = MlTrainingReport.Parse(body);
        if (report is null)
        {
            await AnswerAsync(context, HttpStatusCode.BadRequest, problem!);
            return;
        }

        var candidates = (await runs.InFlightForProjectAsync(report.Project, context.RequestAborted))
            .Where(r => report.Backend is not { } backend || r.BackendId == backend)
            .ToList();
        switch (candidates.Count)
        {
            case 0:
                await AnswerAsync(context, HttpStatusCode.NotFound,
                    $"There is no training run in flight for project {report.Project}{(report.Backend is { } b ? $" and backend {b}" : "")}: "
                    + "it was started without /ml train, or its result was told already (each run is told once).");
                return;
            case > 1:
                await AnswerAsync(context, HttpStatusCode.Conflict,
                    $"Several backends of project {report.Project} are training ({string.Join(", ", candidates.Select(r => $"#{r.BackendId}"))}): "
                    + "add \"backend\": <its id in Label Studio> to the report.");
                return;
        }

        var run = candidates[0];
        LogAccepted(run.Id, run.BackendId, report.Status);
        runner.AcceptReport(run, report);
        await AnswerAsync(context, HttpStatusCode.Accepted, $"Reported: training run {run.Id} of backend #{run.BackendId} ({report.Status}).");
    }

    /// <summary>Compares digests in constant time, so neither the secret nor its length leaks through timing.</summary>
    private static bool Authorized(string header, string secret)
    {
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        var sent = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        return CryptographicOperations.FixedTimeEquals(sent, expected);
    }

    /// <summary>The body as text, or null when it is larger than <see cref="MaxBody"/>.</summary>
    private static async Task<string?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBody)
            return null;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBody;
        try
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            return await reader.ReadToEndAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    private static Task AnswerAsync(HttpContext context, HttpStatusCode status, string text)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text + "\n", context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A training report from {Remote} was refused: it had no or another bearer secret than Training:ReportSecret")]
    private partial void LogRefused(string remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "The ML server reported training run {RunId} of backend {BackendId}: {Status}")]
    private partial void LogAccepted(long runId, int backendId, string status);
}
