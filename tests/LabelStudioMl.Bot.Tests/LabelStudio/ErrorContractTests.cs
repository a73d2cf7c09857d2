using System.Net.Sockets;
using LabelStudioMl.Bot.LabelStudio.Errors;
using Polly.Timeout;

namespace LabelStudioMl.Bot.Tests.LabelStudio;

/// <summary>Every error shape Label Studio answers (docs/label-studio-behaviour.md, "Label Studio: HTTP and Django"), from the fixtures, parsed into one error with Label Studio's own text kept.</summary>
public sealed class ErrorContractTests
{
    [Theory]
    [InlineData("derived/error-400.interactive.task-required.json", 400, LabelStudioErrorKind.Validation, "task: This field is required.")]
    [InlineData("derived/error-400.ml-create.bad-project.json", 400, LabelStudioErrorKind.Validation, "project: Invalid pk \"999\" - object does not exist.")]
    [InlineData("derived/error-400.ml-create.basic-auth-missing.json", 400, LabelStudioErrorKind.Validation, "Authentication username and password is required for Basic Authentication.")]
    [InlineData("derived/error-400.ml-create.healthcheck-401.json", 400, LabelStudioErrorKind.Validation, "Able to connect to ML Server, but authentication parameters were either not provided or are incorrect.")]
    [InlineData("derived/error-400.ml-create.healthcheck-failed.json", 400, LabelStudioErrorKind.Validation, "Can't connect to ML backend http://ml-down:9090, health check failed.")]
    [InlineData("derived/error-400.ml-create.required-fields.json", 400, LabelStudioErrorKind.Validation, "url: This field is required.\nproject: This field is required.")]
    [InlineData("derived/error-400.ml-create.setup-failed.json", 400, LabelStudioErrorKind.Validation, "Successfully connected to http://ml-broken:9090 but it doesn't look like a valid ML backend.")]
    [InlineData("derived/error-400.ml-patch.empty-basic-auth-pass.json", 400, LabelStudioErrorKind.Validation, "basic_auth_pass: Authentication password is required for Basic Authentication.")]
    [InlineData("derived/error-401.invalid-legacy-token.json", 401, LabelStudioErrorKind.Unauthorized, "Invalid token.")]
    [InlineData("derived/error-401.legacy-token-disabled.json", 401, LabelStudioErrorKind.LegacyTokensDisabled, "legacy token authentication has been disabled for this organization")]
    [InlineData("derived/error-401.no-credentials.json", 401, LabelStudioErrorKind.Unauthorized, "Authentication credentials were not provided.")]
    [InlineData("derived/error-401.token-refresh-invalid.json", 401, LabelStudioErrorKind.Unauthorized, "Token is invalid or expired")]
    [InlineData("derived/error-403.ml-create.url-not-http.json", 403, LabelStudioErrorKind.Forbidden, "URLs must begin with http:// or https://")]
    [InlineData("derived/error-403.permission-denied.json", 403, LabelStudioErrorKind.Forbidden, "You do not have permission to perform this action.")]
    [InlineData("derived/error-404.json-envelope.json", 404, LabelStudioErrorKind.NotFound, "Not found.")]
    [InlineData("derived/error-500.ml-create.unresolvable-host.json", 500, LabelStudioErrorKind.ServerError, "Can't resolve hostname ml-typo")]
    [InlineData("derived/error-500.ml-patch.without-url.json", 500, LabelStudioErrorKind.ServerError, "missing 1 required positional argument: 'url'")]
    [InlineData("derived/ml-versions.backend-401.401.response.json", 401, LabelStudioErrorKind.MlBackendError, "401 Client Error: UNAUTHORIZED for url: http://ml-backend:9090/versions")]
    [InlineData("derived/ml-versions.backend-down.500.response.json", 500, LabelStudioErrorKind.MlBackendError, "Max retries exceeded with url: /versions")]
    [InlineData("derived/interactive.not-interactive.response.json", 200, LabelStudioErrorKind.PredictionFailed, "Model is not set to be used for interactive preannotations")]
    [InlineData("verbatim/ls-test-ml-create-basic-auth-missing-creds.expected-error.json", 400, LabelStudioErrorKind.Validation, "Authentication username and password is required for Basic Authentication.")]
    public void Error_body_keeps_Label_Studios_text_and_gets_a_kind(string fixture, int status, LabelStudioErrorKind kind, string text)
    {
        var error = LabelStudioErrorParser.FromResponse("POST /api/ml/", status, "application/json", Fixtures.Text(fixture));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_errors_are_kept_per_field_with_texts_intact()
    {
        var error = LabelStudioErrorParser.FromResponse("POST /api/ml/", 400, "application/json", Fixtures.Text("derived/error-400.ml-create.healthcheck-failed.json"));

        var text = Assert.Single(error.ValidationErrors["non_field_errors"]);
        Assert.Contains("<a href=\"https://labelstud.io/guide/ml.html\">Learn more</a>", text, StringComparison.Ordinal);
        Assert.Contains("not localhost", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("derived/error-400.ml-create.setup-failed.json", "/setup failed")]
    [InlineData("derived/error-400.ml-create.healthcheck-401.json", "basic-auth")]
    [InlineData("derived/error-403.ml-create.url-not-http.json", "http:// or https://")]
    [InlineData("derived/error-500.ml-create.unresolvable-host.json", "cannot resolve")]
    [InlineData("derived/error-401.legacy-token-disabled.json", "personal access token")]
    [InlineData("derived/ml-versions.backend-401.401.response.json", "basic-auth")]
    [InlineData("derived/interactive.not-interactive.response.json", "interactive:true")]
    public void Known_failures_come_with_a_fix(string fixture, string fix)
    {
        var status = int.Parse(Fixtures.Node(fixture)["status_code"]?.ToString() ?? (fixture.Contains("401", StringComparison.Ordinal) ? "401" : "200"), System.Globalization.CultureInfo.InvariantCulture);

        var error = LabelStudioErrorParser.FromResponse("op", status, "application/json", Fixtures.Text(fixture));

        Assert.Contains(fix, error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/html", "<!DOCTYPE html><html><body><h1>Not Found</h1></body></html>")]
    [InlineData(null, "")]
    [InlineData("application/json", "{not json")]
    public void Html_or_empty_404_is_judged_by_status_alone(string? mediaType, string body)
    {
        var error = LabelStudioErrorParser.FromResponse("GET /api/ml/999", 404, mediaType, body);

        Assert.Equal(LabelStudioErrorKind.NotFound, error.Kind);
        Assert.Equal("Label Studio has nothing at GET /api/ml/999 (404).", error.Message);
        Assert.DoesNotContain("<", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_500_says_the_status_and_where_to_look()
    {
        var error = LabelStudioErrorParser.FromResponse("GET /api/ml/1", 500, "text/html", "<html>Server Error (500)</html>");

        Assert.Equal(LabelStudioErrorKind.ServerError, error.Kind);
        Assert.StartsWith("Label Studio answered 500 InternalServerError.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unresolvable_host_names_LabelStudio_Url()
    {
        var error = LabelStudioErrorParser.FromTransport(
            "GET /api/projects/", new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (ls.invalid:8080)"),
            new Uri("http://admin:hunter2@ls.invalid:8080"), TimeSpan.FromSeconds(5));

        Assert.Equal(LabelStudioErrorKind.HostNotFound, error.Kind);
        Assert.Contains("LabelStudio:Url", error.Hint, StringComparison.Ordinal);
        Assert.Contains("http://ls.invalid:8080", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message + error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Refused_connection_says_so()
    {
        var error = LabelStudioErrorParser.FromTransport(
            "GET /api/projects/", new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)),
            new Uri("http://127.0.0.1:1"), TimeSpan.FromSeconds(5));

        Assert.Equal(LabelStudioErrorKind.ConnectionFailed, error.Kind);
        Assert.Contains("connection was refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeout_names_the_operation_and_the_limit()
    {
        var error = LabelStudioErrorParser.FromTransport("POST /api/ml/4/train", new TimeoutRejectedException(), new Uri("http://ls:8080"), TimeSpan.FromMinutes(15));

        Assert.Equal(LabelStudioErrorKind.Timeout, error.Kind);
        Assert.Equal("Label Studio did not answer POST /api/ml/4/train within 15 min.", error.Message);
    }
}
