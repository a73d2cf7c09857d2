using LabelStudioMl.Bot.Discord;
using LabelStudioMl.Bot.Discord.Rest.RateLimiting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LabelStudioMl.Bot.Tests.Discord;

/// <summary>The learned buckets stay bounded although every interaction token is a bucket of its own.</summary>
public sealed class RateLimitStateTests
{
    [Fact]
    public async Task Buckets_of_finished_interactions_are_dropped_and_limits_in_force_are_kept()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var state = new DiscordRateLimitState(Options.Create(new DiscordOptions()), NullLogger<DiscordRateLimitState>.Instance, time);
        for (var i = 0; i < 100; i++)
        {
            using var lease = await state.BucketFor(Callback(i)).AcquireAsync(CancellationToken.None);
        }

        var limited = state.BucketFor(Callback(1000));
        limited.Update(remaining: 0, resetAfter: TimeSpan.FromMinutes(1));
        var held = await state.BucketFor(Callback(1001)).AcquireAsync(CancellationToken.None);
        Assert.Equal(102, state.BucketCount);

        time.Advance(TimeSpan.FromSeconds(2));
        _ = state.BucketFor(Callback(2000));

        Assert.Equal(3, state.BucketCount);
        Assert.Same(limited, state.BucketFor(Callback(1000)));
        held.Dispose();
    }

    private static DiscordRoute Callback(int interaction)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"https://discord.test/api/v10/interactions/{1100000000000090000L + interaction}/token-{interaction}/callback");
        return DiscordRoute.From(request);
    }
}
