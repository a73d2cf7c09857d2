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
        var state = new DiscordRateLimitState(Options.Create(new DiscordSettings()), NullLogger<DiscordRateLimitState>.Instance, time);
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

    [Fact]
    public void A_bucket_the_sweep_retired_is_never_claimed_and_one_claimed_since_is_never_retired()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var idle = new RateLimitBucket(time);
        var busy = new RateLimitBucket(time);
        time.Advance(TimeSpan.FromSeconds(2));
        var idleSince = time.GetUtcNow() - TimeSpan.FromSeconds(1);

        Assert.True(busy.Claim());
        Assert.False(busy.TryRetire(time.GetUtcNow(), idleSince));
        Assert.True(idle.TryRetire(time.GetUtcNow(), idleSince));
        Assert.False(idle.Claim());
        Assert.True(idle.TryRetire(time.GetUtcNow(), idleSince));
    }

    [Theory]
    [InlineData(false, 51)] // Discord: one hash per route; the route's first request keeps its bucket under the route too
    [InlineData(true, 100)] // FakeDiscord: a hash per interaction, so every bucket is found under the previous hash, then learned under its own
    public async Task A_bucket_kept_under_its_route_and_its_learned_hash_is_dropped_under_both(bool hashPerInteraction, int keptBeforeSweep)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var state = new DiscordRateLimitState(Options.Create(new DiscordSettings()), NullLogger<DiscordRateLimitState>.Instance, time);
        for (var i = 0; i < 50; i++)
        {
            var route = Callback(i);
            var bucket = state.BucketFor(route);
            using (await bucket.AcquireAsync(CancellationToken.None))
                Assert.Same(bucket, state.Learn(route, bucket, hashPerInteraction ? $"callback-hash-{i}" : "callback-hash"));
        }

        Assert.Equal(keptBeforeSweep, state.BucketCount);
        time.Advance(TimeSpan.FromSeconds(2));
        _ = state.BucketFor(Callback(1000));

        Assert.Equal(1, state.BucketCount);
    }

    [Fact]
    public void A_route_whose_bucket_was_swept_gets_a_fresh_bucket_that_the_next_sweep_keeps_while_it_is_used()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var state = new DiscordRateLimitState(Options.Create(new DiscordSettings()), NullLogger<DiscordRateLimitState>.Instance, time);
        var first = state.BucketFor(Callback(1));

        time.Advance(TimeSpan.FromSeconds(2));
        var second = state.BucketFor(Callback(1));
        time.Advance(TimeSpan.FromSeconds(0.5));
        var third = state.BucketFor(Callback(1));
        time.Advance(TimeSpan.FromSeconds(0.9));
        _ = state.BucketFor(Callback(2));

        Assert.NotSame(first, second);
        Assert.Same(second, third);
        Assert.Same(second, state.BucketFor(Callback(1)));
        Assert.False(first.Claim());
    }

    private static DiscordRoute Callback(int interaction)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"https://discord.test/api/v10/interactions/{1100000000000090000L + interaction}/token-{interaction}/callback");
        return DiscordRoute.From(request);
    }
}
