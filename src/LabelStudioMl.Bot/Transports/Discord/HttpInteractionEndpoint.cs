using System.Text.Json;
using LabelStudioMl.Bot.Discord.Endpoint;
using LabelStudioMl.Bot.Discord.Gateway;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Discord.Rest;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>
/// The HTTP interactions transport (<c>Discord:Interactions:Mode=Http</c>): Kestrel on <c>Discord:Interactions:Url</c>
/// takes the POSTs Discord sends to the Interactions Endpoint URL. Each must carry a valid Ed25519 signature of its
/// timestamp and raw body by the application's key, at a fresh timestamp, or it gets 401 and reaches nothing
/// (docs/interactions/overview.mdx, "Validating Security Request Headers"). A PING gets 200 with a PONG. Anything
/// else goes to the <see cref="DiscordInteractionRouter"/>, and its first answer (the deferral, a private refusal,
/// autocomplete, a button's update) is this request's 200 response; edits and follow-ups go over REST as in gateway
/// mode (receiving-and-responding.mdx, "Responding to an Interaction").
/// </summary>
internal sealed partial class HttpInteractionEndpoint(
    IOptions<InteractionEndpointSettings> settings,
    DiscordInteractionRouter router,
    InteractionClaims claims,
    IDiscordRestApi rest,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<HttpInteractionEndpoint> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>Discord invalidates an interaction not answered within 3 s; past this the bot stops waiting for its answer.</summary>
    private static readonly TimeSpan AnswerDeadline = TimeSpan.FromSeconds(2.8);

    /// <summary>Bodies above this are not interactions Discord sends (options are short, resolved data small).</summary>
    private const int MaxBody = 1 << 20;

    /// <summary>
    /// The ids of the last interactions delivered here, so a doubled delivery to this process runs once (kept as numbers
    /// in storage sized at start: the memory is the same after the millionth interaction as after the first).
    /// </summary>
    private readonly DispatchDeduplicator _delivered = new();

    private WebApplication? _app;

    /// <summary>The address it listens on, once started (the real port when the URL gives port 0).</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var endpoint = settings.Value;
        ListenAddress.TryParse(endpoint.Interactions.Url, out var listen);
        var signature = InteractionSignature.TryCreate(endpoint.PublicKey, out _)
            ?? throw new InvalidOperationException("Discord:PublicKey was validated at start.");
        var app = KestrelApp.Create(listen.Address, listen.Port, MaxBody);
        app.MapPost(listen.Path, context => ReceiveAsync(context, signature, endpoint.Interactions.MaxSignatureAge));
        var bound = await KestrelApp.StartAsync(
            app,
            e => $"The interactions endpoint could not listen on {endpoint.Interactions.Url}: {e.Message} "
                + "Choose another address or port with Discord:Interactions:Url (environment variable Discord__Interactions__Url).",
            cancellationToken);
        _app = app;
        Address = new UriBuilder(bound) { Path = listen.Path }.Uri;
        LogListening(Address);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
            await app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
            await app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context, InteractionSignature signature, TimeSpan maxAge)
    {
        var aborted = context.RequestAborted;
        var body = await ReadBodyAsync(context.Request, aborted);
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var check = signature.Check(
            context.Request.Headers["X-Signature-Ed25519"], context.Request.Headers["X-Signature-Timestamp"], body, time.GetUtcNow(), maxAge);
        if (check != SignatureCheck.Valid)
        {
            // Discord probes with bad signatures on purpose; a forged request must learn nothing but 401.
            LogRefused(check, context.Connection.RemoteIpAddress?.ToString() ?? "?");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("invalid request signature", aborted);
            return;
        }

        var answer = new InlineAnswer();
        Interaction? interaction;
        try
        {
            interaction = JsonSerializer.Deserialize(body, DiscordJsonContext.Default.Interaction);
        }
        catch (JsonException e)
        {
            LogUnreadable(e.Message);
            var refusal = new DiscordInteractionResponder(rest, new Interaction(), answer.SendAsync).RespondAsync(ErrorPresenter.Unreadable(e.Path), aborted);
            await WriteAsync(context, answer, aborted);
            // Fails when the request ended before the refusal went out (the client is gone): nothing more to tell.
            await refusal.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return;
        }

        if (interaction is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (interaction.Type == InteractionType.Ping)
        {
            await WriteJsonAsync(context, new InteractionResponse { Type = InteractionCallbackType.Pong }, aborted);
            return;
        }

        // A doubled delivery (to this replica or another sharing the store) runs once; the other request gets 409.
        if (!_delivered.FirstTime(interaction.Id.Value) || !await claims.TryClaimAsync(interaction.Id.ToString(), aborted))
        {
            LogClaimedElsewhere(interaction.Id.ToString());
            context.Response.StatusCode = StatusCodes.Status409Conflict;
            await context.Response.WriteAsync("interaction already taken", aborted);
            return;
        }

        // The interaction runs past this request (a command goes on after its deferral), until the bot stops.
        var responder = new DiscordInteractionResponder(rest, interaction, answer.SendAsync);
        _ = Task.Run(() => RouteAsync(interaction, responder), CancellationToken.None);
        await WriteAsync(context, answer, aborted);
    }

    /// <summary>Runs the interaction; what escapes the router is logged here (in gateway mode the session's dispatch loop does it).</summary>
    private async Task RouteAsync(Interaction interaction, DiscordInteractionResponder responder)
    {
        try
        {
            await router.RouteAsync(interaction, responder, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // The bot stops.
        }
        catch (Exception e)
        {
            LogRouteFailed(e, interaction.Id.ToString());
        }
    }

    /// <summary>Waits for the interaction's first answer and sends it as this response; 503 when none comes in time.</summary>
    private async Task WriteAsync(HttpContext context, InlineAnswer answer, CancellationToken aborted)
    {
        InteractionResponse response;
        try
        {
            response = await answer.Response.WaitAsync(AnswerDeadline, time, aborted);
        }
        catch (TimeoutException)
        {
            answer.GiveUp();
            LogNoAnswer(AnswerDeadline.TotalSeconds);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        try
        {
            await WriteJsonAsync(context, response, aborted);
            await context.Response.CompleteAsync();
            answer.Sent();
        }
        catch (Exception e)
        {
            answer.GiveUp();
            if (e is not (IOException or OperationCanceledException))
                throw;
        }
    }

    private static Task WriteJsonAsync(HttpContext context, InteractionResponse response, CancellationToken aborted)
    {
        // docs/interactions/overview.mdx, "Acknowledging PING requests": a valid Content-Type is required.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, response, DiscordJsonContext.Default.InteractionResponse, aborted);
    }

    /// <summary>The raw body, exactly as received (the signature covers its bytes); null when above <see cref="MaxBody"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken aborted)
    {
        if (request.ContentLength > MaxBody)
            return null;
        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, aborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The first answer of an interaction that came as an HTTP request: the responder hands it over and waits until it
    /// went out as the response, so a later edit of <c>@original</c> never overtakes it.
    /// </summary>
    private sealed class InlineAnswer
    {
        private readonly TaskCompletionSource<InteractionResponse> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<InteractionResponse> Response => _response.Task;

        public async Task SendAsync(InteractionResponse response, CancellationToken cancellationToken)
        {
            // A second first answer is refused as Discord refuses it (40060), so the dispatcher's fallbacks apply.
            if (!_response.TrySetResult(response))
                throw new InvalidOperationException("This interaction was already answered in its HTTP response.");
            await _sent.Task.WaitAsync(cancellationToken);
        }

        public void Sent() => _sent.TrySetResult();

        public void GiveUp()
        {
            _response.TrySetCanceled();
            _sent.TrySetException(new TimeoutException("The interaction's HTTP request ended before its answer was sent."));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Interactions endpoint at {Address}")]
    private partial void LogListening(Uri address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused an interaction request from {Remote} with 401: signature {Check}")]
    private partial void LogRefused(SignatureCheck check, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read a signed interaction: {Problem}")]
    private partial void LogUnreadable(string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Interaction {InteractionId} was claimed before: answered 409, another delivery runs it")]
    private partial void LogClaimedElsewhere(string interactionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Interaction {InteractionId} failed outside its command")]
    private partial void LogRouteFailed(Exception exception, string interactionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "An interaction got no answer within {Seconds} s; answered 503")]
    private partial void LogNoAnswer(double seconds);
}
