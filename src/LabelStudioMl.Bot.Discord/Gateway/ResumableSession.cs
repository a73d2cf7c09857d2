using LabelStudioMl.Bot.Discord.Models;

namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>
/// What a gateway session carries from one connection to the next (GW "Resuming"): the session id and resume URL from
/// READY and the sequence number of the last dispatch. <see cref="Forget"/> drops them once the session is known to be
/// gone; the application and the bot user READY named stay, for the status.
/// </summary>
/// <remarks>Thread-safe: the heartbeat task reads the sequence while the receive loop advances it, and the status is read from anywhere.</remarks>
internal sealed class ResumableSession
{
    private readonly Lock _lock = new();
    private string? _id;
    private string? _resumeUrl;
    private long? _sequence;
    private Snowflake? _applicationId;
    private User? _botUser;

    /// <summary>Whether READY started a session that was not forgotten since.</summary>
    public bool Exists
    {
        get
        {
            lock (_lock)
                return _id is not null;
        }
    }

    /// <summary>Where to resume the session; null when there is none to resume.</summary>
    public string? ResumeUrl
    {
        get
        {
            lock (_lock)
                return _id is null ? null : _resumeUrl;
        }
    }

    /// <summary>The sequence number of the last dispatch (what a heartbeat carries); null before the first.</summary>
    public long? Sequence
    {
        get
        {
            lock (_lock)
                return _sequence;
        }
    }

    /// <summary>The application id from the last READY.</summary>
    public Snowflake? ApplicationId
    {
        get
        {
            lock (_lock)
                return _applicationId;
        }
    }

    /// <summary>The bot user from the last READY.</summary>
    public User? BotUser
    {
        get
        {
            lock (_lock)
                return _botUser;
        }
    }

    /// <summary>Takes a new session from READY; without a <c>resume_gateway_url</c> it resumes on <paramref name="gatewayUrl"/>.</summary>
    /// <param name="ready">The READY data.</param>
    /// <param name="gatewayUrl">The URL GET /gateway/bot gave.</param>
    public void Start(GatewayReady ready, string? gatewayUrl)
    {
        lock (_lock)
        {
            _id = ready.SessionId;
            _resumeUrl = string.IsNullOrWhiteSpace(ready.ResumeGatewayUrl) ? gatewayUrl : ready.ResumeGatewayUrl;
            _botUser = ready.User;
            _applicationId = ready.Application?.Id;
        }
    }

    /// <summary>
    /// Records a dispatch's sequence number. A number at or below the last one is a replay after a resume and is refused,
    /// except on READY, which starts the count of a new session.
    /// </summary>
    /// <param name="sequence">The dispatch's <c>s</c>.</param>
    /// <param name="ready">Whether the dispatch is READY.</param>
    /// <returns>False for a replayed dispatch.</returns>
    public bool Advance(long sequence, bool ready)
    {
        lock (_lock)
        {
            if (_sequence is { } last && sequence <= last && !ready)
                return false;
            _sequence = sequence;
            return true;
        }
    }

    /// <summary>The op 6 Resume data for this session at the last sequence number.</summary>
    /// <param name="token">The bot token.</param>
    /// <returns>The payload's data.</returns>
    public GatewayResume ResumeWith(string token)
    {
        lock (_lock)
            return new GatewayResume { Token = token, SessionId = _id!, Seq = _sequence };
    }

    /// <summary>Drops the session id, resume URL and sequence: the next connection identifies.</summary>
    public void Forget()
    {
        lock (_lock)
        {
            _id = null;
            _resumeUrl = null;
            _sequence = null;
        }
    }
}
