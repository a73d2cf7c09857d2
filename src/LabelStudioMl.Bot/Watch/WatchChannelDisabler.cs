using LabelStudioMl.Bot.Notifications;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Watch;

/// <summary>
/// When Discord refuses a channel for good (403 Missing Access / Missing Permissions, 404 Unknown Channel), the
/// channel's subscriptions are disabled with the reason, shown by <c>/ml watches</c>, instead of posting forever.
/// </summary>
internal sealed class WatchChannelDisabler(WatchStore store, ILogger<WatchChannelDisabler> logger) : IChannelUnusableHandler
{
    public async Task ChannelUnusableAsync(string channelId, string reason, CancellationToken cancellationToken)
    {
        var disabled = await store.DisableChannelAsync(channelId, $"Discord refused posting here: {reason}", cancellationToken);
        if (disabled > 0)
            logger.LogWarning("Disabled {Count} watch subscription(s) of channel {ChannelId}: Discord refused posting there ({Reason})", disabled, channelId, reason);
    }
}
