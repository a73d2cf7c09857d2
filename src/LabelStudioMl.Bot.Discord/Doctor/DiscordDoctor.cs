using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using LabelStudioMl.Bot.Discord.Commands;
using LabelStudioMl.Bot.Discord.Gateway;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Discord.Rest;
using Microsoft.Extensions.Options;
using Refit;

namespace LabelStudioMl.Bot.Discord.Doctor;

/// <summary>
/// The Discord half of the <c>check</c> verb: token (bot name), gateway reachable (Hello received), application
/// id, commands registered, and the invite URL. Every failure carries a fix; the token never appears.
/// </summary>
/// <param name="rest">The REST client.</param>
/// <param name="registrar">Reads the registered commands.</param>
/// <param name="options">Connection settings.</param>
public sealed class DiscordDoctor(IDiscordRestApi rest, CommandRegistrar registrar, IOptions<DiscordSettings> options)
{
    private const string TokenFix = "Reset the token in the Discord developer portal (Bot → Reset Token), copy it and set it as Discord__Token (or Discord:Token in appsettings.json).";

    /// <summary>Runs every check; never throws for Discord or network failures.</summary>
    /// <param name="desiredCommands">The commands the bot declares.</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <returns>The checks in order: token, gateway, application, commands, invite.</returns>
    public async Task<IReadOnlyList<DoctorCheck>> RunAsync(IEnumerable<ApplicationCommand> desiredCommands, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desiredCommands);
        var checks = new List<DoctorCheck>();
        var token = await CheckTokenAsync(cancellationToken);
        checks.Add(token);
        if (!token.Ok)
        {
            const string skipped = "skipped: the token was not accepted";
            checks.Add(new DoctorCheck("Discord gateway", false, skipped, null));
            checks.Add(new DoctorCheck("Discord application", false, skipped, null));
            checks.Add(new DoctorCheck("Discord commands", false, skipped, null));
            checks.Add(new DoctorCheck("Discord invite", false, skipped, null));
            return checks;
        }

        checks.Add(await CheckGatewayAsync(cancellationToken));
        var (applicationCheck, application) = await CheckApplicationAsync(cancellationToken);
        checks.Add(applicationCheck);
        if (application is { } id)
        {
            checks.Add(await CheckCommandsAsync(id, desiredCommands.ToList(), cancellationToken));
            checks.Add(new DoctorCheck("Discord invite", true, BotInvite.Url(id), null));
        }
        else
        {
            checks.Add(new DoctorCheck("Discord commands", false, "skipped: no application id", null));
            checks.Add(new DoctorCheck("Discord invite", false, "skipped: no application id", null));
        }

        return checks;
    }

    private async Task<DoctorCheck> CheckTokenAsync(CancellationToken cancellationToken)
    {
        const string name = "Discord token";
        try
        {
            var me = await rest.GetCurrentUserAsync(cancellationToken);
            return new DoctorCheck(name, true, $"bot user {me.Username} ({me.Id})", null);
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized)
        {
            return new DoctorCheck(name, false, "Discord rejected the token (401 from GET /users/@me).", TokenFix);
        }
        catch (Exception ex) when (ex is ApiExceptionBase or HttpRequestException or TaskCanceledException)
        {
            return Unreachable(name, ex);
        }
    }

    private async Task<DoctorCheck> CheckGatewayAsync(CancellationToken cancellationToken)
    {
        const string name = "Discord gateway";
        GatewayBot gateway;
        try
        {
            gateway = await rest.GetGatewayBotAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is ApiExceptionBase or HttpRequestException or TaskCanceledException)
        {
            return Unreachable(name, ex);
        }

        var budget = gateway.SessionStartLimit is { } l ? $"; {l.Remaining} of {l.Total} session starts left today" : "";
        if (gateway.SessionStartLimit is { Remaining: <= 0 } spent)
        {
            return new DoctorCheck(name, false, $"{gateway.Url}: the daily session-start budget is spent{budget}",
                $"Wait {TimeSpan.FromMilliseconds(spent.ResetAfter):g} for the reset; find what keeps reconnecting with a new session.");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(GatewayConnection.WithQuery(gateway.Url), timeout.Token);
            var buffer = new byte[4096];
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            var hello = JsonSerializer.Deserialize(buffer.AsSpan(0, received.Count), DiscordJsonContext.Default.GatewayPayload);
            // Never identified, so closing normally costs no session.
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            return hello?.Op == (int)GatewayOpCode.Hello
                ? new DoctorCheck(name, true, $"{gateway.Url} reachable (Hello received){budget}", null)
                : new DoctorCheck(name, false, $"{gateway.Url} answered op {hello?.Op} instead of Hello", "Retry later; Discord may be restarting its gateway.");
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or JsonException)
        {
            return new DoctorCheck(name, false, $"{gateway.Url} is not reachable: {ex.Message}",
                "Allow outgoing WebSocket (wss, port 443) connections to the gateway host from this machine.");
        }
    }

    private async Task<(DoctorCheck, Snowflake?)> CheckApplicationAsync(CancellationToken cancellationToken)
    {
        const string name = "Discord application";
        try
        {
            var application = await rest.GetCurrentApplicationAsync(cancellationToken);
            return (new DoctorCheck(name, true, $"application {application.Name} ({application.Id})", null), application.Id);
        }
        catch (Exception ex) when (ex is ApiExceptionBase or HttpRequestException or TaskCanceledException)
        {
            return (Unreachable(name, ex), null);
        }
    }

    private async Task<DoctorCheck> CheckCommandsAsync(Snowflake application, List<ApplicationCommand> desired, CancellationToken cancellationToken)
    {
        const string name = "Discord commands";
        var problems = ApplicationCommandValidator.Validate(desired);
        if (problems.Count > 0)
            return new DoctorCheck(name, false, string.Join("; ", problems), "Fix the command declarations; Discord would reject them.");
        try
        {
            var (scope, registered) = await registrar.GetRegisteredAsync(application, cancellationToken);
            if (CommandComparer.SameSet(desired, registered))
                return new DoctorCheck(name, true, $"{registered.Count} commands registered ({scope}) and up to date", null);
            var detail = registered.Count == 0
                ? $"no commands registered ({scope}); {desired.Count} declared"
                : $"registered commands ({scope}: {string.Join(", ", registered.Select(c => "/" + c.Name))}) differ from the {desired.Count} declared";
            var fix = options.Value.GuildId is null
                ? "Start the bot once: it registers the commands at start (global commands can take a while to appear)."
                : "Start the bot once: it registers the commands to the guild at start.";
            return new DoctorCheck(name, false, detail, fix, Warning: true);
        }
        catch (Exception ex) when (ex is ApiExceptionBase or HttpRequestException or TaskCanceledException)
        {
            return Unreachable(name, ex);
        }
    }

    private DoctorCheck Unreachable(string name, Exception ex) => ex switch
    {
        ApiException { StatusCode: HttpStatusCode.Forbidden } =>
            new DoctorCheck(name, false, "Discord answered 403 Forbidden.", "Check that the bot is in the guild of Discord:GuildId and the token belongs to this application."),
        ApiException { StatusCode: HttpStatusCode.TooManyRequests } limited => new DoctorCheck(name, false, $"Discord answered 429: {limited.ReasonPhrase}.",
            "Run check again once that wait has passed; if it recurs, find what else uses this bot token (another copy of the bot?)."),
        ApiException api => new DoctorCheck(name, false, $"Discord answered {(int)api.StatusCode} {api.ReasonPhrase}.", "Retry later; see https://discordstatus.com."),
        // Refit wraps failures that happen before any answer (refused, DNS, timeout) in ApiRequestException.
        ApiRequestException { InnerException: { } inner } => Unreachable(name, inner),
        _ => new DoctorCheck(name, false, $"Discord is not reachable at {options.Value.ApiBaseUrl}: {ex.Message}",
            "Check the network and Discord:ApiBaseUrl (Discord__ApiBaseUrl), default https://discord.com/api/v10."),
    };
}
