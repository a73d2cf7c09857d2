using System.Net;
using System.Net.Http.Headers;
using LabelStudioMl.Bot.LabelStudio.Auth;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio.Json;
using LabelStudioMl.Bot.LabelStudio.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using Refit;

namespace LabelStudioMl.Bot.LabelStudio;

/// <summary>Registers the one shared Label Studio client.</summary>
public static class ServiceCollectionExtensions
{
    private const string TokenClientName = "LabelStudio.TokenRefresh";
    private const string RefreshOperation = LabelStudioErrorParser.TokenRefreshOperation;

    /// <summary>
    /// Binds and validates <see cref="LabelStudioSettings"/> (section <c>LabelStudio</c>, checked at start) and registers
    /// <see cref="ILabelStudioApi"/> (Refit) behind resilience (per-request time limits; GETs alone retried) and
    /// authentication, plus <see cref="LabelStudioClient"/>. Every attempt of every call is recorded in
    /// <see cref="LabelStudioTelemetry"/>.
    /// </summary>
    public static IServiceCollection AddLabelStudioClient(this IServiceCollection services)
    {
        services.AddOptions<LabelStudioSettings>().BindConfiguration(LabelStudioSettings.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LabelStudioSettings>, LabelStudioSettingsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<LabelStudioTelemetry>();
        services.TryAddTransient<LabelStudioMetricsHandler>();
        services.TryAddTransient<BufferedBodyHandler>();
        services.TryAddTransient<ResponseSizeLimitHandler>();

        var refitSettings = new RefitSettings(new SystemTextJsonContentSerializer(LabelStudioJsonContext.Default.Options));

        services.AddHttpClient(TokenClientName, (sp, client) => Configure(client, sp, TimeSpan.FromSeconds(30)))
            .AddHttpMessageHandler<BufferedBodyHandler>()
            .AddHttpMessageHandler<ResponseSizeLimitHandler>()
            .AddHttpMessageHandler<LabelStudioMetricsHandler>();
        services.AddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            var options = sp.GetRequiredService<IOptionsMonitor<LabelStudioSettings>>();
            return new AccessTokenProvider(
                (request, ct) => RefreshAsync(RestService.ForGenerated<ILabelStudioApi>(factory.CreateClient(TokenClientName), refitSettings), options.CurrentValue, request, ct),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<AccessTokenProvider>>());
        });
        services.AddTransient<LabelStudioAuthHandler>();

        // Handlers run outermost first: time limits and retries wrap authentication, so each retry gets a valid token;
        // bodies are buffered before authentication, so each goes with a Content-Length and can be sent twice; the size
        // limit sits inside authentication, so even the 401 body it reads is capped (a refused answer is not retried).
        var client = services.AddRefitGeneratedClient<ILabelStudioApi>(refitSettings)
            .ConfigureHttpClient((sp, http) => Configure(http, sp, Timeout.InfiniteTimeSpan));
        client.AddResilienceHandler("label-studio", (pipeline, context) => AddPipeline(
            pipeline,
            context.ServiceProvider.GetRequiredService<IOptionsMonitor<LabelStudioSettings>>().CurrentValue,
            context.ServiceProvider.GetRequiredService<ILogger<LabelStudioClient>>()));
        client.AddHttpMessageHandler<BufferedBodyHandler>();
        client.AddHttpMessageHandler<LabelStudioAuthHandler>();
        client.AddHttpMessageHandler<ResponseSizeLimitHandler>();
        client.AddHttpMessageHandler<LabelStudioMetricsHandler>();
        services.TryAddSingleton<LabelStudioClient>();
        return services;
    }

    private static void AddPipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, LabelStudioSettings options, ILogger logger)
    {
        // Polly's own telemetry logs every attempt with its exception (about 30 lines each) and meters nothing the bot
        // exports; RetryLog writes one line per retry instead.
        pipeline.ConfigureTelemetry(NullLoggerFactory.Instance);

        // Outer limit per request kind: train may block for minutes, reads get one attempt time per try.
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions
        {
            Name = "total",
            TimeoutGenerator = args => ValueTask.FromResult(Total(options, args.Context.GetRequestMessage())),
        });

        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, options.ReadRetries),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            ShouldHandle = args => ValueTask.FromResult(options.ReadRetries > 0 && IsTransient(args.Outcome)),
            OnRetry = args => RetryLog.Retrying(logger, args, options.ReadRetries),
        };
        retry.DisableForUnsafeHttpMethods();
        pipeline.AddRetry(retry);

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions
        {
            Name = "attempt",
            TimeoutGenerator = args => ValueTask.FromResult(Attempt(options, args.Context.GetRequestMessage())),
        });
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result.StatusCode: HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests } => true,
        _ => false,
    };

    private static TimeSpan Attempt(LabelStudioSettings options, HttpRequestMessage? request) =>
        request is null ? options.ReadTimeout : LabelStudioTimeouts.For(options, request.Method, request.RequestUri?.AbsolutePath ?? "");

    private static TimeSpan Total(LabelStudioSettings options, HttpRequestMessage? request)
    {
        var attempt = Attempt(options, request);
        return request?.Method == HttpMethod.Get ? (attempt * (options.ReadRetries + 1)) + TimeSpan.FromSeconds(5 * options.ReadRetries) : attempt;
    }

    private static void Configure(HttpClient client, IServiceProvider services, TimeSpan timeout)
    {
        var options = services.GetRequiredService<IOptionsMonitor<LabelStudioSettings>>().CurrentValue;
        if (Uri.TryCreate(options.Url.Trim().TrimEnd('/'), UriKind.Absolute, out var baseUri))
            client.BaseAddress = baseUri;
        client.Timeout = timeout;
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("LabelStudioMl.Bot", typeof(LabelStudioClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    private static async Task<Models.TokenRefreshResponse> RefreshAsync(ILabelStudioApi api, LabelStudioSettings options, Models.TokenRefreshRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await LabelStudioCalls.RunAsync(RefreshOperation, options.BaseUri, TimeSpan.FromSeconds(30), () => api.RefreshTokenAsync(request, cancellationToken), cancellationToken);
        }
        catch (LabelStudioException e) when (e.StatusCode == 401)
        {
            throw new LabelStudioException(LabelStudioErrorKind.PersonalAccessTokenRejected, e.Message, RefreshOperation, 401, LabelStudioAuthHints.PatRejected, innerException: e);
        }
        catch (LabelStudioException e) when (e.StatusCode == 400)
        {
            // simplejwt validates the body before the token: a 400 means the token never reached Label Studio's check.
            throw new LabelStudioException(
                LabelStudioErrorKind.PersonalAccessTokenRejected,
                $"Signing in to Label Studio failed: {RefreshOperation} refused the token exchange ({e.Message}).",
                RefreshOperation,
                400,
                "A proxy in front of Label Studio may have dropped the request body; check that it passes POST bodies on, "
                + "or use the legacy token (Account & Settings) as LabelStudio:ApiKey.",
                innerException: e);
        }
    }
}
