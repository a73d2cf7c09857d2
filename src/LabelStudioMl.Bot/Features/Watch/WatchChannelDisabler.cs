using LabelStudioMl.Bot.Notifications;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Features.Watch;

/// <summary>
/// When Discord refuses a channel for good (403 Missing Access / Missing Permissions, 404 Unknown Channel), the
/// channel's subscriptions are disabled with the reason, shown by <c>/ml watches</c>, instead of posting forever.
/// </summary>
internal sealed partial class WatchChannelDisabler(WatchStore store, ILogger<WatchChannelDisabler> logger) : IChannelUnusableHandler
{
    public async Task ChannelUnusableAsync(string channelId, string reason, CancellationToken cancellationToken)
    {
        var disabled = await store.DisableChannelAsync(channelId, $"Discord refused posting here: {reason}", cancellationToken);
        if (disabled > 0)
            LogDisabled(disabled, channelId, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disabled {Count} watch subscription(s) of channel {ChannelId}: Discord refused posting there ({Reason})")]
    private partial void LogDisabled(int count, string channelId, string reason);
}
