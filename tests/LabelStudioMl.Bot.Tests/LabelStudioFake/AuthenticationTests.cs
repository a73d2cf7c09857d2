using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using static LabelStudioMl.Bot.Tests.LabelStudioFake.LsTestKit;

namespace LabelStudioMl.Bot.Tests.LabelStudioFake;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task Request_without_credentials_answers_401_with_WWW_Authenticate_Token()
    {
        await using var ls = await StartAsync();
        using var client = AnonymousClient(ls);

        using var response = await client.GetAsync("api/projects/");

        await AssertMatchesFixtureAsync(response, 401, "error-401.no-credentials.json");
        Assert.Equal("Token", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Wrong_legacy_token_answers_401_Invalid_token()
    {
        await using var ls = await StartAsync();
        using var client = AnonymousClient(ls);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", new string('0', 40));

        using var response = await client.GetAsync("api/current-user/whoami");

        await AssertMatchesFixtureAsync(response, 401, "error-401.invalid-legacy-token.json");
    }

    [Fact]
    public async Task Legacy_token_is_accepted_in_Authorization_and_in_X_Api_Key()
    {
        await using var ls = await StartAsync();
        using var client = Client(ls);
        using var viaHeader = await client.GetAsync("api/current-user/whoami");
        using var anonymous = AnonymousClient(ls);
        anonymous.DefaultRequestHeaders.Add("X-Api-Key", ls.LegacyToken);
        using var viaApiKey = await anonymous.GetAsync("api/current-user/whoami");

        Assert.Equal(HttpStatusCode.OK, viaHeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viaApiKey.StatusCode);
    }

    [Fact]
    public async Task Legacy_token_is_rejected_when_the_organization_disabled_legacy_tokens()
    {
        await using var ls = await StartAsync();
        ls.Options.LegacyTokensEnabled = false;
        using var client = Client(ls);

        using var response = await client.GetAsync("api/projects/");

        await AssertMatchesFixtureAsync(response, 401, "error-401.legacy-token-disabled.json");
    }

    [Fact]
    public async Task Bearer_access_token_from_refresh_is_honoured()
    {
        await using var ls = await StartAsync();
        ls.Options.LegacyTokensEnabled = false;
        var access = await TokenRefreshTests.RefreshAsync(ls, ls.CreatePersonalAccessToken());
        using var client = AnonymousClient(ls);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);

        using var response = await client.GetAsync("api/current-user/whoami");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Access_token_expires_after_AccessTokenLifetime_and_then_looks_like_no_credentials()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 8, 8, 12, 0, 0, TimeSpan.Zero));
        await using var ls = await StartAsync(time);
        var access = await TokenRefreshTests.RefreshAsync(ls, ls.CreatePersonalAccessToken());
        using var client = AnonymousClient(ls);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);

        time.Advance(TimeSpan.FromMinutes(4));
        using var stillValid = await client.GetAsync("api/current-user/whoami");
        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        using var expired = await client.GetAsync("api/current-user/whoami");

        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        await AssertMatchesFixtureAsync(expired, 401, "error-401.no-credentials.json");
        Assert.Equal("Token", expired.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Personal_access_token_itself_is_not_accepted_as_Bearer()
    {
        await using var ls = await StartAsync();
        using var client = AnonymousClient(ls);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ls.CreatePersonalAccessToken());

        using var response = await client.GetAsync("api/current-user/whoami");

        await AssertMatchesFixtureAsync(response, 401, "error-401.no-credentials.json");
    }

    [Fact]
    public async Task Garbage_Bearer_token_is_swallowed_into_no_credentials()
    {
        await using var ls = await StartAsync();
        using var client = AnonymousClient(ls);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.jwt");

        using var response = await client.GetAsync("api/current-user/whoami");

        await AssertMatchesFixtureAsync(response, 401, "error-401.no-credentials.json");
    }

    [Fact]
    public async Task Bearer_is_ignored_when_the_organization_disabled_api_tokens()
    {
        await using var ls = await StartAsync();
        ls.Options.ApiTokensEnabled = false;
        var access = await TokenRefreshTests.RefreshAsync(ls, ls.CreatePersonalAccessToken());
        using var client = AnonymousClient(ls);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);

        using var response = await client.GetAsync("api/current-user/whoami");

        await AssertMatchesFixtureAsync(response, 401, "error-401.no-credentials.json");
    }
}
