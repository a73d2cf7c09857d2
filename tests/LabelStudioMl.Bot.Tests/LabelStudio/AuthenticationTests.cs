using LabelStudioMl.Bot.LabelStudio.Auth;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Testing.LabelStudio;
using Microsoft.Extensions.Time.Testing;

namespace LabelStudioMl.Bot.Tests.LabelStudio;

/// <summary>Legacy tokens and personal access tokens against FakeLabelStudio: headers, refresh, expiry, concurrency, failures.</summary>
public sealed class AuthenticationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_legacy_key_goes_out_as_Token_and_never_refreshes()
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        await using var harness = LabelStudioHarness.Create(ls);

        await harness.Client.WhoAmIAsync();

        Assert.Equal($"Token {ls.LegacyToken}", ls.Requests.Single().Header("Authorization"));
        Assert.Equal(0, ls.TokenRefreshCount);
    }

    [Fact]
    public async Task A_personal_access_token_is_exchanged_once_and_the_access_token_reused()
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        var pat = ls.CreatePersonalAccessToken();
        await using var harness = LabelStudioHarness.Create(ls, pat);

        await harness.Client.WhoAmIAsync();
        await harness.Client.GetProjectsAsync();

        Assert.Equal(1, ls.TokenRefreshCount);
        var refresh = ls.Requests.Single(r => r.Path.StartsWith("/api/token/refresh", StringComparison.Ordinal));
        Assert.False(refresh.Headers.ContainsKey("Authorization"));
        var calls = ls.Requests.Where(r => r.Path.StartsWith("/api/current-user", StringComparison.Ordinal) || r.Path.StartsWith("/api/projects", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, r => Assert.StartsWith("Bearer ", r.Header("Authorization"), StringComparison.Ordinal));
        Assert.All(calls, r => Assert.DoesNotContain(pat, r.Header("Authorization"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_access_token_is_refreshed_before_it_expires_without_a_401()
    {
        var clock = new FakeTimeProvider(Start);
        await using var ls = await FakeLabelStudio.StartAsync(new FakeLabelStudioOptions { TimeProvider = clock });
        await using var harness = LabelStudioHarness.Create(ls, ls.CreatePersonalAccessToken(), clock);

        await harness.Client.WhoAmIAsync();
        clock.Advance(TimeSpan.FromMinutes(4));
        await harness.Client.WhoAmIAsync();
        Assert.Equal(1, ls.TokenRefreshCount);

        clock.Advance(TimeSpan.FromSeconds(45)); // within the last 30 s of the 5-minute lifetime
        await harness.Client.WhoAmIAsync();

        Assert.Equal(2, ls.TokenRefreshCount);
        Assert.Equal(3, ls.Requests.Count(r => r.Path == "/api/current-user/whoami"));
    }

    [Fact]
    public async Task A_hundred_parallel_calls_cause_one_refresh()
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        await using var harness = LabelStudioHarness.Create(ls, ls.CreatePersonalAccessToken());

        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => harness.Client.WhoAmIAsync()));

        Assert.Equal(1, ls.TokenRefreshCount);
    }

    [Fact]
    public async Task An_access_token_refused_with_401_is_refreshed_and_the_call_retried_once()
    {
        var serverClock = new FakeTimeProvider(Start);
        var botClock = new FakeTimeProvider(Start);
        await using var ls = await FakeLabelStudio.StartAsync(new FakeLabelStudioOptions { TimeProvider = serverClock });
        await using var harness = LabelStudioHarness.Create(ls, ls.CreatePersonalAccessToken(), botClock);
        await harness.Client.WhoAmIAsync();

        serverClock.Advance(TimeSpan.FromMinutes(10)); // the server sees the token expired; the bot's clock does not
        var user = await harness.Client.WhoAmIAsync();

        Assert.NotNull(user.Username);
        Assert.Equal(2, ls.TokenRefreshCount);
        Assert.Equal(3, ls.Requests.Count(r => r.Path == "/api/current-user/whoami"));
    }

    [Fact]
    public async Task A_revoked_personal_access_token_says_to_create_a_new_one()
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        var pat = ls.CreatePersonalAccessToken();
        ls.RevokePersonalAccessToken(pat);
        await using var harness = LabelStudioHarness.Create(ls, pat);

        var error = await Assert.ThrowsAsync<LabelStudioException>(() => harness.Client.WhoAmIAsync());

        Assert.Equal(LabelStudioErrorKind.PersonalAccessTokenRejected, error.Kind);
        Assert.Equal("Token is invalid or expired", error.Message);
        Assert.Equal(LabelStudioAuthHints.PatRejected, error.Hint);
        AssertNoSecret(error, pat);
    }

    [Fact]
    public async Task A_legacy_key_in_an_organization_without_legacy_tokens_says_to_use_a_personal_access_token()
    {
        await using var ls = await FakeLabelStudio.StartAsync(new FakeLabelStudioOptions { LegacyTokensEnabled = false });
        await using var harness = LabelStudioHarness.Create(ls);

        var error = await Assert.ThrowsAsync<LabelStudioException>(() => harness.Client.ListBackendsAsync(1));

        Assert.Equal(LabelStudioErrorKind.LegacyTokensDisabled, error.Kind);
        Assert.Contains("legacy token authentication has been disabled", error.Message, StringComparison.Ordinal);
        Assert.Equal(LabelStudioAuthHints.LegacyDisabled, error.Hint);
        AssertNoSecret(error, ls.LegacyToken);
    }

    [Fact]
    public async Task A_wrong_legacy_key_is_refused_with_what_to_check()
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        await using var harness = LabelStudioHarness.Create(ls, "0000000000000000000000000000000000000000");

        var error = await Assert.ThrowsAsync<LabelStudioException>(() => harness.Client.WhoAmIAsync());

        Assert.Equal(LabelStudioErrorKind.Unauthorized, error.Kind);
        Assert.Equal("Invalid token.", error.Message);
        Assert.Equal(LabelStudioAuthHints.CheckKey, error.Hint);
        Assert.Single(ls.Requests); // a refused key is not hammered
    }

    [Fact]
    public async Task An_organization_with_personal_access_tokens_off_refuses_the_access_token_after_one_retry()
    {
        await using var ls = await FakeLabelStudio.StartAsync(new FakeLabelStudioOptions { ApiTokensEnabled = false });
        var pat = ls.CreatePersonalAccessToken();
        await using var harness = LabelStudioHarness.Create(ls, pat);

        var error = await Assert.ThrowsAsync<LabelStudioException>(() => harness.Client.WhoAmIAsync());

        Assert.Equal(LabelStudioErrorKind.Unauthorized, error.Kind);
        Assert.Equal(LabelStudioAuthHints.PatDisabled, error.Hint);
        Assert.Equal(2, ls.Requests.Count(r => r.Path == "/api/current-user/whoami"));
        AssertNoSecret(error, pat);
    }

    [Fact]
    public async Task A_token_exchange_whose_body_never_reaches_Label_Studio_is_a_sign_in_failure_that_says_what_to_check()
    {
        await using var ls = await FakeLabelStudio.StartAsync(new FakeLabelStudioOptions { ProxyDropsBodies = true });
        var pat = ls.CreatePersonalAccessToken();
        await using var harness = LabelStudioHarness.Create(ls, pat);

        var error = await Assert.ThrowsAsync<LabelStudioException>(() => harness.Client.WhoAmIAsync());

        Assert.Equal(LabelStudioErrorKind.PersonalAccessTokenRejected, error.Kind);
        Assert.StartsWith("Signing in to Label Studio failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("proxy", error.Hint, StringComparison.Ordinal);
        Assert.Equal(0, ls.TokenRefreshCount);
        AssertNoSecret(error, pat);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_body_goes_with_a_Content_Length_so_Django_reads_it(bool personalAccessToken)
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars");
        var task = ls.AddTask(project.Id);
        await using var harness = LabelStudioHarness.Create(ls, personalAccessToken ? ls.CreatePersonalAccessToken() : ls.LegacyToken);

        var added = await harness.Client.AddBackendAsync(new MlBackendCreateRequest { Project = project.Id, Url = ml.Url.ToString(), Title = "yolo", IsInteractive = true });
        var updated = await harness.Client.UpdateBackendAsync(added.Id, new MlBackendChanges { Title = "yolo v2" });
        await harness.Client.PredictAsync(added.Id, task, context: null);

        Assert.Equal("yolo", added.Title);
        Assert.Equal("yolo v2", updated.Title);
        var withBodies = ls.Requests.Where(r => r.SentBody.Length > 0).ToList();
        Assert.Equal(personalAccessToken ? 4 : 3, withBodies.Count);
        Assert.All(withBodies, r => Assert.False(r.LacksContentLength, $"{r.Method} {r.Path} went chunked; Django would read it as empty"));
    }

    internal static void AssertNoSecret(Exception error, string secret)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(secret, e.Message, StringComparison.Ordinal);
            if (e is LabelStudioException ls)
                Assert.DoesNotContain(secret, ls.Hint ?? "", StringComparison.Ordinal);
        }

        Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
    }
}
