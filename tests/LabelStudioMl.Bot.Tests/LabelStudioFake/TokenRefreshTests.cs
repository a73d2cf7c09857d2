using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using static LabelStudioMl.Bot.Tests.LabelStudioFake.LsTestKit;

namespace LabelStudioMl.Bot.Tests.LabelStudioFake;

public sealed class TokenRefreshTests
{
    /// <summary>Exchanges a PAT for an access token, asserting success.</summary>
    public static async Task<string> RefreshAsync(FakeLs ls, string pat)
    {
        using var client = AnonymousClient(ls);
        using var response = await client.PostAsync("api/token/refresh/", Json(new JsonObject { ["refresh"] = pat }));
        var json = await AssertMatchesFixtureAsync(response, 200, "token-refresh.response.json");
        return json["access"]!.GetValue<string>();
    }

    [Fact]
    public async Task Refresh_without_auth_header_answers_an_access_token_shaped_like_the_fixture()
    {
        await using var ls = await StartAsync();

        var access = await RefreshAsync(ls, ls.CreatePersonalAccessToken());

        Assert.Equal(3, access.Split('.').Length);
        Assert.Equal(1, ls.TokenRefreshCount);
    }

    [Fact]
    public async Task Access_token_exp_is_now_plus_AccessTokenLifetime_and_claims_are_simplejwt_ones()
    {
        var now = new DateTimeOffset(2025, 8, 8, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(now);
        await using var ls = await StartAsync(time);
        ls.Options.AccessTokenLifetime = TimeSpan.FromMinutes(7);

        var access = await RefreshAsync(ls, ls.CreatePersonalAccessToken());
        var claims = DecodePayload(access);
        var pat = DecodePayload(ls.CreatePersonalAccessToken());

        Assert.Equal("access", claims["token_type"]!.GetValue<string>());
        Assert.Equal(now.AddMinutes(7).ToUnixTimeSeconds(), claims["exp"]!.GetValue<long>());
        Assert.Equal(now.ToUnixTimeSeconds(), claims["iat"]!.GetValue<long>());
        Assert.Equal("refresh", pat["token_type"]!.GetValue<string>());
        Assert.True(pat["exp"]!.GetValue<long>() > now.AddYears(100).ToUnixTimeSeconds());
        foreach (var key in new[] { "jti", "user_id" })
        {
            Assert.NotNull(claims[key]);
            Assert.NotNull(pat[key]);
        }
    }

    [Fact]
    public async Task Slashless_refresh_route_works_too()
    {
        await using var ls = await StartAsync();
        using var client = AnonymousClient(ls);

        using var response = await client.PostAsync("api/token/refresh", Json(new JsonObject { ["refresh"] = ls.CreatePersonalAccessToken() }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_chunked_refresh_arrives_empty_as_under_Django_and_is_refused_as_DRF_does()
    {
        await using var ls = await StartAsync();
        using var client = AnonymousClient(ls);
        using var chunked = JsonContent.Create(new JsonObject { ["refresh"] = ls.CreatePersonalAccessToken() });

        using var response = await client.PostAsync("api/token/refresh/", chunked);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("This field is required.", (await ReadJsonAsync(response))["validation_errors"]!["refresh"]![0]!.GetValue<string>());
        Assert.True(ls.Requests.Single().LacksContentLength);
        Assert.Equal(0, ls.TokenRefreshCount);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("expired")]
    [InlineData("revoked")]
    public async Task Invalid_expired_or_revoked_PAT_answers_401_Token_is_invalid_or_expired(string kind)
    {
        await using var ls = await StartAsync();
        var pat = kind switch
        {
            "expired" => ls.CreatePersonalAccessToken(DateTimeOffset.UtcNow.AddMinutes(-1)),
            "revoked" => ls.CreatePersonalAccessToken(),
            _ => "eyJhbGciOiJIUzI1NiJ9.e30.AAAA",
        };
        if (kind == "revoked")
            ls.RevokePersonalAccessToken(pat);
        using var client = AnonymousClient(ls);

        using var response = await client.PostAsync("api/token/refresh/", Json(new JsonObject { ["refresh"] = pat }));

        await AssertMatchesFixtureAsync(response, 401, "error-401.token-refresh-invalid.json");
        Assert.Equal(0, ls.TokenRefreshCount);
    }

    [Fact]
    public async Task Refresh_without_refresh_field_answers_400_field_required()
    {
        await using var ls = await StartAsync();
        using var client = AnonymousClient(ls);

        using var response = await client.PostAsync("api/token/refresh/", Json("{}"));

        var json = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Validation error", json["detail"]!.GetValue<string>());
        Assert.Equal("This field is required.", json["validation_errors"]!["refresh"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_keeps_working_when_api_tokens_are_disabled()
    {
        await using var ls = await StartAsync();
        ls.Options.ApiTokensEnabled = false;

        var access = await RefreshAsync(ls, ls.CreatePersonalAccessToken());

        Assert.NotEmpty(access);
    }

    private static JsonObject DecodePayload(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part += new string('=', (4 - (part.Length % 4)) % 4);
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(part)))!.AsObject();
    }
}
