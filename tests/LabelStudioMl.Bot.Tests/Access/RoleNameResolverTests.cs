using System.Globalization;
using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Testing.Discord;
using Microsoft.Extensions.Logging;
using static LabelStudioMl.Bot.Tests.Access.AccessHarness;

namespace LabelStudioMl.Bot.Tests.Access;

public sealed class RoleNameResolverTests
{
    private static readonly ulong GuildId = ulong.Parse(Guild, CultureInfo.InvariantCulture);
    private readonly AccessHarness _access = new();

    private async Task<IReadOnlyList<ulong>> ResolveAsync(string name) =>
        await _access.Resolver.ResolveAsync(GuildId, name, CancellationToken.None);

    [Fact]
    public async Task Resolves_a_name_in_any_case_to_its_role_id()
    {
        Assert.Equal([ulong.Parse(MlTeam, CultureInfo.InvariantCulture)], await ResolveAsync("ML-TEAM"));
    }

    [Fact]
    public async Task Resolves_a_name_two_roles_share_to_both_ids()
    {
        _access.Discord.WithRole(Guild, Unrelated, "ml-team");

        Assert.Equal([ulong.Parse(MlTeam, CultureInfo.InvariantCulture), ulong.Parse(Unrelated, CultureInfo.InvariantCulture)], await ResolveAsync("ml-team"));
    }

    [Fact]
    public async Task Asks_Discord_once_for_lookups_within_five_minutes()
    {
        await ResolveAsync("ml-team");
        _access.Time.Advance(TimeSpan.FromMinutes(4));
        await ResolveAsync("ml-admins");
        await _access.Resolver.NameOfAsync(GuildId, ulong.Parse(Operators, CultureInfo.InvariantCulture), CancellationToken.None);

        Assert.Equal(1, _access.Discord.RoleCalls);
    }

    [Fact]
    public async Task Asks_Discord_again_after_five_minutes_and_sees_a_renamed_role()
    {
        await ResolveAsync("ml-team");
        _access.Discord.WithRole(Guild, MlTeam, "ml-crew");
        _access.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal([ulong.Parse(MlTeam, CultureInfo.InvariantCulture)], await ResolveAsync("ml-crew"));
        Assert.Empty(await ResolveAsync("ml-team"));
        Assert.Equal(2, _access.Discord.RoleCalls);
    }

    [Fact]
    public async Task Asks_Discord_about_a_missing_name_at_most_once_a_minute()
    {
        await ResolveAsync("ml-teem");
        _access.Time.Advance(TimeSpan.FromSeconds(30));
        await ResolveAsync("ml-teem");
        await ResolveAsync("ml-teem");
        Assert.Equal(1, _access.Discord.RoleCalls);

        _access.Discord.WithRole(Guild, Unrelated, "ml-teem");
        _access.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal([ulong.Parse(Unrelated, CultureInfo.InvariantCulture)], await ResolveAsync("ml-teem"));
        Assert.Equal(2, _access.Discord.RoleCalls);
    }

    [Fact]
    public async Task Caches_each_server_separately()
    {
        await _access.Resolver.ResolveAsync(GuildId, "ml-team", CancellationToken.None);
        await _access.Resolver.ResolveAsync(ulong.Parse(IdOnlyGuild, CultureInfo.InvariantCulture), "ml-team", CancellationToken.None);
        await _access.Resolver.ResolveAsync(GuildId, "ml-team", CancellationToken.None);

        Assert.Equal(2, _access.Discord.RoleCalls);
    }

    [Fact]
    public async Task A_Discord_failure_is_logged_as_a_warning_and_resolves_nothing()
    {
        _access.Discord.Failure = new HttpRequestException("connection refused");

        Assert.Empty(await ResolveAsync("ml-team"));
        Assert.True(_access.Logs.Contains(LogLevel.Warning, $"Could not read the roles of server {Guild}"), _access.Logs.All);
    }

    [Fact]
    public async Task A_Discord_failure_keeps_the_roles_known_before()
    {
        await ResolveAsync("ml-team");
        _access.Discord.Failure = new HttpRequestException("connection refused");
        _access.Time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal([ulong.Parse(MlTeam, CultureInfo.InvariantCulture)], await ResolveAsync("ml-team"));
        Assert.Equal(2, _access.Discord.RoleCalls);
    }

    [Fact]
    public async Task After_a_failure_Discord_is_asked_again_only_a_minute_later()
    {
        _access.Discord.Failure = new HttpRequestException("connection refused");
        await ResolveAsync("ml-team");
        _access.Discord.Failure = null;
        _access.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(await ResolveAsync("ml-team"));

        _access.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([ulong.Parse(MlTeam, CultureInfo.InvariantCulture)], await ResolveAsync("ml-team"));
        Assert.Equal(2, _access.Discord.RoleCalls);
    }

    [Fact]
    public async Task Gives_up_on_a_Discord_that_does_not_answer_within_two_seconds()
    {
        _access.Discord.Hang = true;

        var lookup = ResolveAsync("ml-team");
        await FakeDiscord.WaitUntilAsync(() => _access.Discord.RoleCalls == 1);
        _access.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.Empty(await lookup.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(_access.Logs.Contains(LogLevel.Warning, "Could not read the roles"), _access.Logs.All);
    }

    [Fact]
    public async Task A_cancelled_caller_gets_a_cancellation_not_a_warning()
    {
        _access.Discord.Hang = true;
        using var cancel = new CancellationTokenSource();

        var lookup = _access.Resolver.ResolveAsync(GuildId, "ml-team", cancel.Token).AsTask();
        await FakeDiscord.WaitUntilAsync(() => _access.Discord.RoleCalls == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lookup);
        Assert.False(_access.Logs.Contains(LogLevel.Warning, "Could not read the roles"), _access.Logs.All);
    }

    [Fact]
    public async Task Concurrent_lookups_share_one_request()
    {
        _access.Discord.Hang = true;

        var lookups = Enumerable.Range(0, 5).Select(_ => ResolveAsync("ml-team")).ToList();
        await FakeDiscord.WaitUntilAsync(() => _access.Discord.RoleCalls == 1);
        await Task.Delay(100);
        _access.Time.Advance(RoleNameResolver.FetchTimeout);
        await Task.WhenAll(lookups).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, _access.Discord.RoleCalls);
    }
}
