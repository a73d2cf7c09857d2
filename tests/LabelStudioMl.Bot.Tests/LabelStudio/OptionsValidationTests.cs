using System.Text;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.LabelStudio.Auth;
using Microsoft.Extensions.Time.Testing;

namespace LabelStudioMl.Bot.Tests.LabelStudio;

/// <summary>What the LabelStudio section accepts, and how personal access tokens are told from legacy ones.</summary>
public sealed class OptionsValidationTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    internal static string Jwt(string payloadJson) =>
        $"{Encode("""{"alg":"HS256","typ":"JWT"}""")}.{Encode(payloadJson)}.c2lnbmF0dXJl";

    private static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static List<string> Failures(string url, string key) =>
        new LabelStudioSettingsValidator(Clock).Validate(null, new LabelStudioSettings { Url = url, ApiKey = key }).Failures?.ToList() ?? [];

    [Fact]
    public void A_legacy_token_and_a_valid_personal_access_token_pass()
    {
        Assert.Empty(Failures("http://localhost:8080", "0123456789abcdef0123456789abcdef01234567"));
        Assert.Empty(Failures("https://ls.example.com/", Jwt("""{"token_type":"refresh","exp":4102444800,"iat":1700000000,"jti":"x","user_id":1}""")));
    }

    [Fact]
    public void A_JWT_key_is_a_personal_access_token_anything_else_legacy()
    {
        Assert.Equal(LabelStudioKeyKind.PersonalAccessToken, LabelStudioApiKey.Parse(Jwt("""{"token_type":"refresh","exp":4102444800}""")).Kind);
        Assert.Equal(LabelStudioKeyKind.Legacy, LabelStudioApiKey.Parse("0123456789abcdef0123456789abcdef01234567").Kind);
        Assert.Equal(LabelStudioKeyKind.Legacy, LabelStudioApiKey.Parse("a.b.c").Kind);
        Assert.Equal("personal access token", LabelStudioApiKey.Parse(Jwt("""{"exp":4102444800}""")).ToString());
    }

    [Theory]
    [InlineData("""{"token_type":"access","exp":4102444800}""", "is an access token")]
    [InlineData("""{"token_type":"refresh"}""", "without an expiry")]
    [InlineData("""{"token_type":"refresh","exp":1700000000}""", "expired on 2023-11-14")]
    public void Unusable_personal_access_tokens_are_named(string payload, string problem)
    {
        var failure = Assert.Single(Failures("http://localhost:8080", Jwt(payload)));

        Assert.Contains(problem, failure, StringComparison.Ordinal);
        Assert.Contains("LabelStudio__ApiKey", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:8080/api", "ends with /api")]
    [InlineData("ftp://ls:21", "not an absolute http(s) URL")]
    [InlineData("ls.example.com", "not an absolute http(s) URL")]
    public void Bad_urls_are_named(string url, string problem)
    {
        Assert.Contains(problem, Assert.Single(Failures(url, "key")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_with_a_password_is_shown_without_it()
    {
        var failure = Assert.Single(Failures("ftp://admin:hunter2@ls:21", "key"));

        Assert.DoesNotContain("hunter2", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_with_white_space_are_refused()
    {
        Assert.Contains("white space", Assert.Single(Failures("http://ls:8080", "abc def")), StringComparison.Ordinal);
    }

    [Fact]
    public void Non_positive_time_limits_are_refused()
    {
        var result = new LabelStudioSettingsValidator(Clock).Validate(null, new LabelStudioSettings
        {
            Url = "http://ls:8080", ApiKey = "k", TrainTimeout = TimeSpan.Zero, ReadRetries = -1,
        });

        Assert.Contains(result.Failures!, f => f.StartsWith("LabelStudio:TrainTimeout must be a positive", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("LabelStudio:ReadRetries", StringComparison.Ordinal));
    }
}
