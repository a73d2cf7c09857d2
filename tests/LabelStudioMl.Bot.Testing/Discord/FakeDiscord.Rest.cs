using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LabelStudioMl.Bot.Testing.Discord;

public sealed partial class FakeDiscord
{
    private readonly Lock _restLock = new();
    private readonly Queue<Injected429> _injected = new();
    private readonly Dictionary<string, (DateTimeOffset Until, string Scope)> _heldLimits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _routeWindows = [];
    private readonly Queue<DateTimeOffset> _globalWindow = new();
    private readonly ConcurrentDictionary<string, FakeInteraction> _interactions = new();
    private readonly ConcurrentDictionary<string, FakeInteraction> _interactionsByToken = new();
    private readonly ConcurrentQueue<RecordedCallback> _callbacks = new();
    private readonly ConcurrentQueue<RecordedMessage> _originalEdits = new();
    private readonly ConcurrentQueue<RecordedMessage> _followUps = new();
    private readonly ConcurrentQueue<RecordedMessage> _channelMessages = new();
    private readonly ConcurrentQueue<RecordedCommandOverwrite> _overwrites = new();
    private readonly ConcurrentDictionary<string, JsonArray> _commands = new();
    private readonly ConcurrentDictionary<string, (int Status, int Code)> _refusedChannels = new();
    private readonly ConcurrentDictionary<string, JsonObject> _nonces = new();
    private readonly ConcurrentDictionary<string, bool> _expiredTokens = new();
    private readonly ConcurrentDictionary<string, JsonObject> _messages = new();
    private int _failChannelMessages;
    private int _failOriginalEdits;
    private int _failFollowUps;
    private int _routeViolations;
    private int _globalViolations;

    /// <summary>Requests that arrived while their route bucket was exhausted (a correct client keeps this at 0).</summary>
    public int RouteLimitViolations => Volatile.Read(ref _routeViolations);

    /// <summary>Requests over the global limit (a correct client keeps this at 0).</summary>
    public int GlobalLimitViolations => Volatile.Read(ref _globalViolations);

    /// <summary>Initial interaction responses, in arrival order.</summary>
    public IReadOnlyList<RecordedCallback> InteractionCallbacks => [.. _callbacks];

    /// <summary><c>PATCH @original</c> bodies, in arrival order.</summary>
    public IReadOnlyList<RecordedMessage> OriginalEdits => [.. _originalEdits];

    /// <summary>Follow-up messages, in arrival order.</summary>
    public IReadOnlyList<RecordedMessage> FollowUps => [.. _followUps];

    /// <summary>Channel messages, in arrival order.</summary>
    public IReadOnlyList<RecordedMessage> ChannelMessages => [.. _channelMessages];

    /// <summary>Bulk command overwrites, in arrival order.</summary>
    public IReadOnlyList<RecordedCommandOverwrite> CommandOverwrites => [.. _overwrites];

    /// <summary>Raised as each initial interaction response is accepted (on the request's thread).</summary>
    public event EventHandler<RecordedCallback>? CallbackRecorded;

    /// <summary>Raised as each <c>PATCH @original</c> or follow-up is accepted (on the request's thread).</summary>
    public event EventHandler<RecordedMessage>? WebhookMessageRecorded;

    /// <summary>
    /// Forgets every recorded request, callback, message and answered interaction, and the replay buffer (a resume
    /// after this replays nothing older). Long runs call it to keep the fake's memory flat.
    /// </summary>
    public void ClearRecordings()
    {
        _requests.Clear();
        _callbacks.Clear();
        _originalEdits.Clear();
        _followUps.Clear();
        _channelMessages.Clear();
        _interactions.Clear();
        _interactionsByToken.Clear();
        _expiredTokens.Clear();
        _messages.Clear();
        lock (_restLock)
            _routeWindows.Clear();
        lock (_gatewayLock)
            _session?.Events.Clear();
    }

    /// <summary>The commands registered in a scope (global when <paramref name="guildId"/> is null).</summary>
    /// <param name="guildId">The guild or null.</param>
    /// <returns>A copy.</returns>
    public JsonArray RegisteredCommands(string? guildId = null) =>
        _commands.TryGetValue(guildId ?? "", out var list) ? (JsonArray)list.DeepClone() : [];

    /// <summary>Pretends commands are already registered in a scope.</summary>
    /// <param name="guildId">The guild or null.</param>
    /// <param name="commands">The commands (ids are added).</param>
    public void SeedCommands(string? guildId, JsonArray commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        _commands[guildId ?? ""] = StoreCommands(guildId, commands);
    }

    /// <summary>Refuses messages to <paramref name="channelId"/> from now on, as Discord does when the bot lost access (50001) or permission (50013).</summary>
    /// <param name="channelId">The channel.</param>
    /// <param name="status">The HTTP status (403; 404 with code 10003 for a deleted channel).</param>
    /// <param name="code">The JSON error code.</param>
    public void RefuseChannel(string channelId, int status = 403, int code = 50013) => _refusedChannels[channelId] = (status, code);

    /// <summary>Answers the next <paramref name="count"/> channel messages with a 500, as a Discord outage would.</summary>
    /// <param name="count">How many.</param>
    public void FailNextChannelMessages(int count) => Volatile.Write(ref _failChannelMessages, count);

    /// <summary>Answers the next <paramref name="count"/> <c>PATCH @original</c> edits with a 500, as a Discord outage would.</summary>
    /// <param name="count">How many.</param>
    public void FailNextOriginalEdits(int count) => Volatile.Write(ref _failOriginalEdits, count);

    /// <summary>Answers the next <paramref name="count"/> new follow-up messages with a 500, as a Discord outage would.</summary>
    /// <param name="count">How many.</param>
    public void FailNextFollowUps(int count) => Volatile.Write(ref _failFollowUps, count);

    /// <summary>
    /// The interaction's <c>@original</c> message as Discord shows it now (every edit applied, omitted fields kept), or
    /// null when there is none (never answered with a message, or deleted).
    /// </summary>
    /// <param name="interactionId">The interaction.</param>
    /// <returns>A copy.</returns>
    public JsonObject? ShownOriginal(string interactionId) =>
        _interactions.TryGetValue(interactionId, out var interaction) ? (JsonObject?)interaction.Original?.DeepClone() : null;

    /// <summary>A follow-up or channel message as Discord shows it now (every edit applied, omitted fields kept).</summary>
    /// <param name="messageId">The message id.</param>
    /// <returns>A copy, or null when no such message was sent.</returns>
    public JsonObject? ShownMessage(string messageId) =>
        _messages.TryGetValue(messageId, out var message) ? (JsonObject)message.DeepClone() : null;

    /// <summary>Makes an interaction's token expire, as it does 15 minutes after the interaction: webhook calls answer 401 (50027).</summary>
    /// <param name="interactionId">The interaction.</param>
    public void ExpireInteraction(string interactionId)
    {
        if (_interactions.TryGetValue(interactionId, out var interaction))
            _expiredTokens[interaction.Token] = true;
    }

    /// <summary>
    /// Answers the next request whose path contains <paramref name="pathContains"/> with a 429, and every other request
    /// on that path with a 429 too until <paramref name="retryAfterSeconds"/> has passed, as Discord does.
    /// </summary>
    /// <param name="pathContains">Part of the path below the API base, e.g. <c>/users/@me</c>.</param>
    /// <param name="retryAfterSeconds">The float <c>retry_after</c> (long ones, minutes, are what a real outage or abuse limit asks).</param>
    /// <param name="scope"><c>user</c>, <c>shared</c> or <c>global</c>.</param>
    public void InjectRateLimit(string pathContains, double retryAfterSeconds, string scope = "user")
    {
        lock (_restLock)
            _injected.Enqueue(new Injected429(pathContains, retryAfterSeconds, scope));
    }

    /// <summary>Sends an INTERACTION_CREATE; fills <c>id</c>, <c>token</c>, <c>application_id</c> and <c>version</c> when missing.</summary>
    /// <param name="interaction">The interaction (see <see cref="FakeInteractions"/>).</param>
    /// <returns>The interaction id.</returns>
    public async Task<string> PushInteractionAsync(JsonObject interaction)
    {
        var (id, copy) = Register(interaction);
        await DispatchAsync("INTERACTION_CREATE", copy);
        return id;
    }

    /// <summary>An interaction as Discord sends it (id, token, application and guild facts filled in), remembered for its answers.</summary>
    private (string Id, JsonObject Sent) Register(JsonObject interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var copy = (JsonObject)interaction.DeepClone();
        var id = MessageValidator.Text(copy["id"]) ?? NextSnowflake();
        copy["id"] = id;
        var token = MessageValidator.Text(copy["token"]) ?? $"fake-interaction-token-{id}";
        copy["token"] = token;
        copy["application_id"] ??= ApplicationId;
        copy["version"] ??= 1;
        AddGuildFacts(copy);
        var created = new FakeInteraction(id, token, DateTimeOffset.UtcNow) { ComponentMessage = copy["message"]?.DeepClone() as JsonObject };
        _interactions[id] = created;
        _interactionsByToken[token] = created;
        return (id, copy);
    }

    /// <summary>Waits for the interaction's final answer: its last <c>@original</c> edit, or its last follow-up.</summary>
    /// <param name="interactionId">The interaction.</param>
    /// <param name="followUp">Whether to wait for a follow-up instead of an <c>@original</c> edit.</param>
    /// <returns>The answer.</returns>
    public async Task<RecordedMessage> AnswerAsync(string interactionId, bool followUp = false)
    {
        RecordedMessage? found = null;
        await WaitUntilAsync(
            () => (found = (followUp ? FollowUps : OriginalEdits).LastOrDefault(m => m.ChannelOrInteraction == interactionId)) is not null,
            TimeSpan.FromSeconds(20),
            $"the answer to interaction {interactionId}");
        return found!;
    }

    /// <summary>Waits for the interaction's initial callback (defer, message, autocomplete…).</summary>
    /// <param name="interactionId">The interaction.</param>
    /// <returns>The callback.</returns>
    public async Task<RecordedCallback> CallbackAsync(string interactionId)
    {
        RecordedCallback? found = null;
        await WaitUntilAsync(() => (found = InteractionCallbacks.FirstOrDefault(c => c.InteractionId == interactionId)) is not null,
            TimeSpan.FromSeconds(20), $"a callback for interaction {interactionId}");
        return found!;
    }

    /// <summary>Waits until <paramref name="condition"/> holds (polling), or fails after <paramref name="timeout"/> (10 s by default).</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="what">Named in the timeout message.</param>
    /// <returns>Completes when the condition holds.</returns>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what ?? "a condition"}.");
            await Task.Delay(20);
        }
    }

    private async Task HandleRestAsync(HttpContext context, string path)
    {
        var request = context.Request;
        var recorded = await HttpRecording.ReadAsync(request, limitedToContentLength: false, path);
        var headers = recorded.Headers;
        JsonNode? body = null;
        (int Status, JsonNode? Body) answer;

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var exempt = segments.Length > 0 && segments[0] is "interactions" or "webhooks";
        var fault = TakeFault(path);
        if (fault is { Hangs: true })
        {
            _requests.Enqueue(recorded);
            await HangAsync(context);
            return;
        }

        try
        {
            // reference.mdx "Content Type", "User Agent", "Authentication"; opcodes-and-status-codes.mdx "JSON Error Codes" 50035/50109/40333/50014.
            if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
            {
                if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
                    throw new RestError(400, Error(50035, "Invalid Form Body (Content-Type must be application/json)"));
                try
                {
                    body = JsonNode.Parse(recorded.Body);
                }
                catch (JsonException)
                {
                    throw new RestError(400, Error(50109, "The request body contains invalid JSON."));
                }
            }

            if (fault is { Landed: false })
                throw new RestError(fault.Status, []);
            if (!headers.TryGetValue("User-Agent", out var agent) || !agent.StartsWith("DiscordBot (", StringComparison.Ordinal))
                throw new RestError(403, Error(40333, "internal network error (User-Agent must be 'DiscordBot (url, version)')"));
            if (!exempt && !headers.TryGetValue("Authorization", out var auth))
                throw new RestError(401, Error(0, "401: Unauthorized"));
            if (!exempt && headers["Authorization"] != "Bot " + BotToken)
                throw new RestError(401, Error(50014, "Invalid authentication token"));

            ApplyRateLimits(context, request.Method, segments, exempt);
            answer = Route(request.Method, segments, body);
        }
        catch (RestError error)
        {
            answer = (error.Status, error.Body);
        }

        _requests.Enqueue(recorded with { Status = fault?.Status ?? answer.Status });
        if (fault is not null)
        {
            await WriteFaultAsync(context, fault);
            return;
        }

        context.Response.StatusCode = answer.Status;
        if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Body.ToJsonString());
        }
    }

    private void ApplyRateLimits(HttpContext context, string method, string[] segments, bool exempt)
    {
        var template = method + " " + string.Join('/', segments.Select((s, i) =>
            i is 1 or 2 && segments[0] is "webhooks" or "interactions" ? s // id + token are the major parameter (RL)
            : i == 1 && segments[0] is "channels" or "guilds" ? s
            : s.All(char.IsAsciiDigit) ? "{id}"
            : s));
        var bucket = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(template)))[..16].ToLowerInvariant();
        var now = DateTimeOffset.UtcNow;
        Injected429? injected = null;
        int count;
        DateTimeOffset start;
        var globalExceeded = false;
        lock (_restLock)
        {
            var fullPath = "/" + string.Join('/', segments);
            if (_injected.Count > 0 && fullPath.Contains(_injected.Peek().PathContains, StringComparison.Ordinal))
            {
                injected = _injected.Dequeue();
                _heldLimits[injected.PathContains] = (now + TimeSpan.FromSeconds(injected.RetryAfter), injected.Scope);
            }
            else
            {
                // Discord keeps answering 429 until retry_after has passed (rate-limits.mdx, "Exceeding A Rate Limit":
                // retry_after is "the number of seconds to wait before submitting another request").
                var held = _heldLimits.FirstOrDefault(h => h.Value.Until > now && fullPath.Contains(h.Key, StringComparison.Ordinal));
                if (held.Key is not null)
                    injected = new Injected429(held.Key, (held.Value.Until - now).TotalSeconds, held.Value.Scope);
            }

            if (!exempt && injected is null)
            {
                while (_globalWindow.Count > 0 && now - _globalWindow.Peek() >= TimeSpan.FromSeconds(1))
                    _globalWindow.Dequeue();
                _globalWindow.Enqueue(now);
                globalExceeded = _globalWindow.Count > Options.GlobalLimitPerSecond;
            }

            (start, count) = _routeWindows.TryGetValue(template, out var w) && now - w.Start < Options.RouteWindow ? w : (now, 0);
            if (injected is null && !globalExceeded)
                count++;
            _routeWindows[template] = (start, count);
        }

        // rate-limits.mdx "Header Format": X-RateLimit-* on every answer; top-level resources split buckets.
        var resetAfter = Math.Max(0, (start + Options.RouteWindow - now).TotalSeconds);
        var response = context.Response.Headers;
        response["X-RateLimit-Limit"] = Options.RouteLimit.ToString(CultureInfo.InvariantCulture);
        response["X-RateLimit-Remaining"] = Math.Max(0, Options.RouteLimit - count).ToString(CultureInfo.InvariantCulture);
        response["X-RateLimit-Reset"] = ((start + Options.RouteWindow).ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        response["X-RateLimit-Reset-After"] = resetAfter.ToString("0.000", CultureInfo.InvariantCulture);
        response["X-RateLimit-Bucket"] = bucket;

        if (injected is not null)
            throw TooMany(context, injected.RetryAfter, injected.Scope);
        if (globalExceeded)
        {
            Interlocked.Increment(ref _globalViolations);
            throw TooMany(context, 1.0, "global");
        }

        if (count > Options.RouteLimit)
        {
            Interlocked.Increment(ref _routeViolations);
            throw TooMany(context, resetAfter, "user");
        }
    }

    private static RestError TooMany(HttpContext context, double retryAfter, string scope)
    {
        // rate-limits.mdx "Exceeding A Rate Limit", "Global Rate Limit" (interaction endpoints exempt).
        var global = scope == "global";
        var headers = context.Response.Headers;
        headers["Retry-After"] = Math.Ceiling(retryAfter).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Scope"] = scope;
        if (global)
        {
            headers["X-RateLimit-Global"] = "true";
            headers.Remove("X-RateLimit-Bucket");
        }
        else
        {
            headers["X-RateLimit-Remaining"] = "0";
            headers["X-RateLimit-Reset-After"] = retryAfter.ToString("0.000", CultureInfo.InvariantCulture);
        }

        return new RestError(429, new JsonObject
        {
            ["message"] = "You are being rate limited.",
            ["retry_after"] = retryAfter,
            ["global"] = global,
            ["code"] = 0,
        });
    }

    private (int, JsonNode?) Route(string method, string[] s, JsonNode? body)
    {
        return (method, s) switch
        {
            ("GET", ["gateway", "bot"]) => (200, GatewayBot()),
            ("GET", ["gateway"]) => (200, new JsonObject { ["url"] = GatewayUrl.ToString() }),
            ("GET", ["users", "@me"]) => (200, BotUser()),
            ("GET", ["applications", "@me"]) => (200, new JsonObject
            {
                ["id"] = ApplicationId, ["name"] = Options.ApplicationName, ["flags"] = 8388608, ["bot_public"] = true,
                ["verify_key"] = PublicKey, ["interactions_endpoint_url"] = InteractionsEndpointUrl?.ToString(),
            }),
            ("GET", ["applications", var app, "commands"]) => (200, Commands(app, null)),
            ("PUT", ["applications", var app, "commands"]) => (200, Overwrite(app, null, body)),
            ("GET", ["applications", var app, "guilds", var guild, "commands"]) => (200, Commands(app, guild)),
            ("PUT", ["applications", var app, "guilds", var guild, "commands"]) => (200, Overwrite(app, guild, body)),
            ("POST", ["interactions", var id, var token, "callback"]) => Callback(id, token, body),
            ("GET", ["webhooks", var app, var token, "messages", "@original"]) => (200, Original(app, token)),
            ("PATCH", ["webhooks", var app, var token, "messages", "@original"]) => (200, EditOriginal(app, token, body)),
            ("DELETE", ["webhooks", var app, var token, "messages", "@original"]) => DeleteOriginal(app, token),
            ("POST", ["webhooks", var app, var token]) => (200, FollowUp(app, token, body, null)),
            ("PATCH", ["webhooks", var app, var token, "messages", var messageId]) => (200, FollowUp(app, token, body, messageId)),
            ("DELETE", ["webhooks", var app, var token, "messages", _]) => Deleted(WebhookInteraction(app, token)),
            ("POST", ["channels", var channel, "messages"]) => (200, ChannelMessage(channel, body, null)),
            ("PATCH", ["channels", var channel, "messages", var messageId]) => (200, ChannelMessage(channel, body, messageId)),
            ("GET", ["guilds", _, "roles"]) => (200, Roles.DeepClone()),
            _ => (404, Error(0, "404: Not Found")),
        };
    }

    private static (int, JsonNode?) Deleted(FakeInteraction _) => (204, null);

    private JsonObject GatewayBot()
    {
        int remaining;
        lock (_gatewayLock)
            remaining = _sessionStartRemaining < 0 ? Options.SessionStartRemaining : _sessionStartRemaining;
        return new JsonObject
        {
            ["url"] = GatewayUrl.ToString(),
            ["shards"] = 1,
            ["session_start_limit"] = new JsonObject
            {
                ["total"] = 1000,
                ["remaining"] = remaining,
                ["reset_after"] = 14400000,
                ["max_concurrency"] = Options.MaxConcurrency,
            },
        };
    }

    private void RequireApplication(string app)
    {
        if (app != ApplicationId)
            throw new RestError(404, Error(10002, "Unknown Application"));
    }

    private JsonArray Commands(string app, string? guild)
    {
        RequireApplication(app);
        return RegisteredCommands(guild);
    }

    private JsonArray Overwrite(string app, string? guild, JsonNode? body)
    {
        RequireApplication(app);
        if (body is not JsonArray commands)
            throw new RestError(400, Error(50035, "Invalid Form Body"));
        var errors = CommandValidator.Validate(commands);
        if (errors.Any)
            throw new RestError(400, errors.ToBody());
        _overwrites.Enqueue(new RecordedCommandOverwrite(guild, (JsonArray)commands.DeepClone()));
        var stored = StoreCommands(guild, commands);
        _commands[guild ?? ""] = stored;
        return (JsonArray)stored.DeepClone();
    }

    private JsonArray StoreCommands(string? guild, JsonArray commands)
    {
        var previous = _commands.TryGetValue(guild ?? "", out var p) ? p : [];
        var stored = new JsonArray();
        foreach (var node in commands)
        {
            var command = (JsonObject)node!.DeepClone();
            var name = MessageValidator.Text(command["name"]);
            var existing = previous.FirstOrDefault(c => MessageValidator.Text(c?["name"]) == name);
            command["id"] = MessageValidator.Text(existing?["id"]) ?? NextSnowflake();
            command["application_id"] = ApplicationId;
            command["version"] = NextSnowflake();
            command["type"] ??= 1;
            if (guild is not null)
                command["guild_id"] = guild;
            stored.Add(command);
        }

        return stored;
    }

    private (int, JsonNode?) Callback(string id, string token, JsonNode? body)
    {
        // receiving-and-responding.mdx "Interaction Callback": within 3 s, else 10062; 204; "Interaction Callback Type".
        if (!_interactions.TryGetValue(id, out var interaction) || interaction.Token != token
            || DateTimeOffset.UtcNow - interaction.ReceivedAt > Options.InteractionResponseDeadline && !interaction.Acknowledged)
        {
            throw new RestError(404, Error(10062, "Unknown interaction"));
        }

        if (body is not JsonObject response || response["type"] is not JsonValue typeNode || !typeNode.TryGetValue<int>(out var type))
            throw new RestError(400, Error(50035, "Invalid Form Body"));
        var data = response["data"] as JsonObject;
        switch (type)
        {
            case 4 or 7:
                Validate(data ?? [], "data.", requireContent: type == 4);
                break;
            case 5 when ((data?["flags"]?.GetValue<int>() ?? 0) & ~64) != 0:
                throw new RestError(400, Error(50035, "Only the EPHEMERAL flag may be set on a deferred response"));
            case 8 when (data?["choices"] is JsonArray { Count: > 25 }):
                throw new RestError(400, Error(50035, "Invalid Form Body (choices: Must be 25 or fewer in length.)"));
            case 1 or 5 or 6 or 8 or 9:
                break;
            default:
                throw new RestError(400, Error(50035, "Invalid interaction response type"));
        }

        lock (interaction)
        {
            if (interaction.Acknowledged)
                throw new RestError(400, Error(40060, "Interaction has already been acknowledged."));
            interaction.Acknowledged = true;
            if (type is 4)
                interaction.Original = Message(NextSnowflake(), "1100000000000000200", data!);
            // A component's type 7 edits the message it is on, and type 6 leaves it for later edits through @original
            // (receiving-and-responding.mdx, "Interaction Callback Type": UPDATE_MESSAGE, DEFERRED_UPDATE_MESSAGE).
            if (type is 6 or 7 && interaction.ComponentMessage is { } shown)
                interaction.Original = type == 7 ? Merge(shown, data ?? []) : (JsonObject)shown.DeepClone();
            if (type is 5)
            {
                // The user sees a "thinking" message: @original exists, flagged LOADING (1 << 7), with the deferral's
                // visibility (receiving-and-responding.mdx, "Interaction Callback Type"; message.mdx, "Message Flags").
                interaction.Original = Message(NextSnowflake(), "1100000000000000200", new JsonObject { ["flags"] = DeferralFlags(data) | LoadingFlag });
                interaction.Loading = true;
            }
        }

        var recorded = new RecordedCallback(id, type, (JsonObject)response.DeepClone());
        _callbacks.Enqueue(recorded);
        CallbackRecorded?.Invoke(this, recorded);
        return (204, null);
    }

    private FakeInteraction WebhookInteraction(string app, string token)
    {
        RequireApplication(app);
        // receiving-and-responding.mdx "Followup Messages": tokens last 15 minutes (50027 after); 10015/10008 in JSON Error Codes.
        if (_expiredTokens.ContainsKey(token))
            throw new RestError(401, Error(50027, "Invalid Webhook Token"));
        if (!_interactionsByToken.TryGetValue(token, out var interaction))
            throw new RestError(404, Error(10015, "Unknown Webhook"));
        if (!interaction.Acknowledged)
            throw new RestError(404, Error(10008, "Unknown Message"));
        return interaction;
    }

    private JsonNode Original(string app, string token)
    {
        var interaction = WebhookInteraction(app, token);
        return interaction.Original?.DeepClone() ?? throw new RestError(404, Error(10008, "Unknown Message"));
    }

    private JsonObject EditOriginal(string app, string token, JsonNode? body)
    {
        var interaction = WebhookInteraction(app, token);
        if (Interlocked.Decrement(ref _failOriginalEdits) >= 0)
            throw new RestError(500, Error(0, "500: Internal Server Error"));
        return ReplaceOriginal(interaction, Validate(body, "", requireContent: false), viaFollowUp: false);
    }

    /// <summary>
    /// Applies an edit to @original. Once deleted, @original is gone: every call on it answers 10008 Unknown Message
    /// (receiving-and-responding.mdx, "Delete Original Interaction Response"). An edit keeps what it leaves out
    /// (webhook.mdx, "Edit Webhook Message": all parameters are optional and only those sent change), and the
    /// message's ephemeral state stays as the deferral set it.
    /// </summary>
    private JsonObject ReplaceOriginal(FakeInteraction interaction, JsonObject content, bool viaFollowUp)
    {
        lock (interaction)
        {
            if (interaction.OriginalDeleted)
                throw new RestError(404, Error(10008, "Unknown Message"));
            var fixedFlags = interaction.Original?["flags"]?.GetValue<int>() & EphemeralFlag;
            var message = Merge(interaction.Original ?? Message(NextSnowflake(), "1100000000000000200", []), content);
            if (fixedFlags is { } flags)
                message["flags"] = flags;
            interaction.Original = message;
            interaction.Loading = false;
            var recorded = new RecordedMessage(MessageValidator.Text(message["id"])!, interaction.Id, (JsonObject)content.DeepClone()) { IsFollowUp = viaFollowUp };
            _originalEdits.Enqueue(recorded);
            WebhookMessageRecorded?.Invoke(this, recorded);
            return (JsonObject)message.DeepClone();
        }
    }

    private (int, JsonNode?) DeleteOriginal(string app, string token)
    {
        var interaction = WebhookInteraction(app, token);
        lock (interaction)
        {
            if (interaction.OriginalDeleted)
                throw new RestError(404, Error(10008, "Unknown Message"));
            interaction.Original = null;
            interaction.OriginalDeleted = true;
        }

        return (204, null);
    }

    private JsonObject FollowUp(string app, string token, JsonNode? body, string? messageId)
    {
        var interaction = WebhookInteraction(app, token);
        if (messageId is null && Interlocked.Decrement(ref _failFollowUps) >= 0)
            throw new RestError(500, Error(0, "500: Internal Server Error"));
        var content = Validate(body, "", requireContent: messageId is null);

        // Right after a type-5 deferral, a follow-up is the edit of the loading @original, its flags ignored
        // (receiving-and-responding.mdx, "Create Followup Message"); that holds until @original has been edited, so a
        // follow-up after @original was deleted while loading finds no message.
        if (messageId is null && interaction.Loading)
        {
            var withoutFlags = (JsonObject)content.DeepClone();
            withoutFlags.Remove("flags");
            return ReplaceOriginal(interaction, withoutFlags, viaFollowUp: true);
        }

        var message = StoreMessage(messageId, "1100000000000000200", content);
        var recorded = new RecordedMessage(MessageValidator.Text(message["id"])!, interaction.Id, (JsonObject)content.DeepClone()) { IsFollowUp = true };
        _followUps.Enqueue(recorded);
        WebhookMessageRecorded?.Invoke(this, recorded);
        return message;
    }

    /// <summary>A new message, or an edit that keeps the fields it leaves out (message.mdx, "Edit Message").</summary>
    private JsonObject StoreMessage(string? messageId, string channelId, JsonObject content)
    {
        if (messageId is null)
        {
            var created = Message(NextSnowflake(), channelId, content);
            _messages[MessageValidator.Text(created["id"])!] = (JsonObject)created.DeepClone();
            return created;
        }

        var edited = _messages.TryGetValue(messageId, out var existing) ? Merge(existing, content) : Message(messageId, channelId, content);
        _messages[messageId] = edited;
        return (JsonObject)edited.DeepClone();
    }

    /// <summary>An edit: the fields sent replace the shown ones (null clears), the others stay.</summary>
    private static JsonObject Merge(JsonObject shown, JsonObject edit)
    {
        var merged = (JsonObject)shown.DeepClone();
        foreach (var (name, value) in edit)
        {
            if (name is "content" or "embeds" or "components" or "flags")
                merged[name] = value?.DeepClone() ?? (name == "content" ? "" : name == "flags" ? 0 : new JsonArray());
        }

        merged["edited_timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        return merged;
    }

    private static int DeferralFlags(JsonObject? data) => (data?["flags"]?.GetValue<int>() ?? 0) & EphemeralFlag;

    private JsonObject ChannelMessage(string channel, JsonNode? body, string? messageId)
    {
        // opcodes-and-status-codes.mdx "JSON Error Codes": 50001 Missing Access, 50013 Missing Permissions, 10003 Unknown Channel.
        if (_refusedChannels.TryGetValue(channel, out var refusal))
            throw new RestError(refusal.Status, Error(refusal.Code, refusal.Code == 50001 ? "Missing Access" : refusal.Code == 10003 ? "Unknown Channel" : "Missing Permissions"));
        if (messageId is null && Interlocked.Decrement(ref _failChannelMessages) >= 0)
            throw new RestError(500, Error(0, "500: Internal Server Error"));
        var nonce = body?["enforce_nonce"]?.GetValueKind() == JsonValueKind.True ? MessageValidator.Text(body["nonce"]) : null;
        if (messageId is null && nonce is not null && _nonces.TryGetValue(channel + "/" + nonce, out var earlier))
            return (JsonObject)earlier.DeepClone();

        var content = Validate(body, "", requireContent: messageId is null);
        var message = StoreMessage(messageId, channel, content);
        if (nonce is not null)
            _nonces[channel + "/" + nonce] = (JsonObject)message.DeepClone();
        _channelMessages.Enqueue(new RecordedMessage(MessageValidator.Text(message["id"])!, channel, (JsonObject)content.DeepClone()));
        return message;
    }

    private static JsonObject Validate(JsonNode? body, string prefix, bool requireContent)
    {
        if (body is not JsonObject message)
            throw new RestError(400, Error(50035, "Invalid Form Body"));
        var errors = MessageValidator.Validate(message, prefix);
        if (errors.Any)
            throw new RestError(400, errors.ToBody());
        // message.mdx "Create Message": at least one of content/embeds/components...; 50006 Cannot send an empty message.
        if (requireContent && MessageValidator.IsEmpty(message))
            throw new RestError(400, Error(50006, "Cannot send an empty message"));
        return message;
    }

    private JsonObject Message(string id, string channelId, JsonObject content) => new()
    {
        ["id"] = id,
        ["channel_id"] = channelId,
        ["author"] = BotUser(),
        ["content"] = content["content"]?.DeepClone() ?? "",
        ["embeds"] = content["embeds"]?.DeepClone() ?? new JsonArray(),
        ["components"] = content["components"]?.DeepClone() ?? new JsonArray(),
        ["flags"] = content["flags"]?.DeepClone() ?? 0,
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
    };

    private const int EphemeralFlag = 1 << 6;
    private const int LoadingFlag = 1 << 7;

    private sealed record Injected429(string PathContains, double RetryAfter, string Scope);

    private sealed class FakeInteraction(string id, string token, DateTimeOffset receivedAt)
    {
        public string Id { get; } = id;

        public string Token { get; } = token;

        public DateTimeOffset ReceivedAt { get; } = receivedAt;

        public bool Acknowledged { get; set; }

        public JsonObject? Original { get; set; }

        /// <summary>A type-5 deferral whose @original has not been edited yet (deleted or not).</summary>
        public bool Loading { get; set; }

        public bool OriginalDeleted { get; set; }

        /// <summary>The message a pressed component is on (from the interaction's <c>message</c>).</summary>
        public JsonObject? ComponentMessage { get; init; }
    }

    private sealed class RestError(int status, JsonObject body) : Exception
    {
        public int Status { get; } = status;

        public JsonObject Body { get; } = body;
    }
}
