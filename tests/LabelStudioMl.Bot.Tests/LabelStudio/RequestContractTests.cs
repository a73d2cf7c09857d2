using System.Text.Json.Nodes;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.LabelStudio.Models;

namespace LabelStudioMl.Bot.Tests.LabelStudio;

/// <summary>Our request bodies, serialized as the client sends them, against the request fixtures.</summary>
public sealed class RequestContractTests
{
    private static readonly MlBackend BasicAuthBackend = new()
    {
        Id = 1,
        Project = 1,
        Url = "https://ml_backend_for_test_api",
        Title = "test_ml_backend_creation_ML_backend",
        AuthMethod = MlBackendAuthMethod.BasicAuth,
        BasicAuthUser = "user",
        BasicAuthPassIsSet = true,
    };

    [Fact]
    public void Minimal_create_sends_project_and_url_only()
    {
        Fixtures.AssertJsonEqual(
            Fixtures.Node("derived/ml-create.minimal.request.json"),
            Fixtures.Wire(new MlBackendCreateRequest { Project = 3, Url = "http://ml-backend:9090" }));
    }

    [Fact]
    public void Full_create_sends_every_documented_field_with_timeout_as_float()
    {
        var ours = Fixtures.Wire(new MlBackendCreateRequest
        {
            Project = 3,
            Url = "http://ml-backend:9090",
            Title = "yolo",
            Description = "YOLO detector",
            IsInteractive = false,
            AuthMethod = MlBackendAuthMethod.BasicAuth,
            BasicAuthUser = "bot",
            BasicAuthPass = "s3cret",
            ExtraParams = new JsonObject { ["threshold"] = 0.5 },
            Timeout = 100.0,
            AutoUpdate = true,
        });

        Fixtures.AssertJsonEqual(Fixtures.Node("derived/ml-create.full.request.json"), ours);
    }

    [Theory]
    [InlineData("verbatim/ls-test-ml-create.request.json", "ml_backend_title", "https://ml_backend_for_test_api")]
    [InlineData("verbatim/ls-test-ml-create-json.request.json", "My Super AI", "http://my.super.ai")]
    public void Create_with_title_matches_Label_Studio_tests(string fixture, string title, string url)
    {
        Fixtures.AssertJsonEqual(Fixtures.Node(fixture), Fixtures.Wire(new MlBackendCreateRequest { Project = 1, Title = title, Url = url }));
    }

    [Fact]
    public void Create_with_basic_auth_matches_and_never_shows_the_password_in_text()
    {
        var request = new MlBackendCreateRequest
        {
            Project = 1,
            Title = "test_ml_backend_creation_ML_backend",
            Url = "https://ml_backend_for_test_api",
            AuthMethod = MlBackendAuthMethod.BasicAuth,
            BasicAuthUser = "user",
            BasicAuthPass = "<SECRET>",
        };

        Fixtures.AssertJsonEqual(Fixtures.Node("verbatim/ls-test-ml-create-basic-auth.request.json"), Fixtures.Wire(request));
        Assert.DoesNotContain("<SECRET>", request.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_with_basic_auth_but_no_credentials_matches_the_failing_test_request()
    {
        Fixtures.AssertJsonEqual(
            Fixtures.Node("verbatim/ls-test-ml-create-basic-auth-missing-creds.request.json"),
            Fixtures.Wire(new MlBackendCreateRequest
            {
                Project = 1,
                Title = "test_ml_backend_creation_ML_backend",
                Url = "https://ml_backend_for_test_api",
                AuthMethod = MlBackendAuthMethod.BasicAuth,
            }));
    }

    [Fact]
    public void Create_like_the_tavern_test_sends_the_same_fields()
    {
        var expected = Fixtures.Node("verbatim/ls-tavern-ml-create-auto-update.request.json");
        expected["project"] = 1; // a tavern variable in the fixture

        Fixtures.AssertJsonEqual(expected, Fixtures.Wire(new MlBackendCreateRequest
        {
            Project = 1,
            Url = "http://localhost:9090",
            Title = "test_ml_backend_creation",
            Description = "",
            IsInteractive = false,
            AutoUpdate = true,
        }));
    }

    [Fact]
    public void Create_body_has_the_keys_of_the_OpenAPI_example()
    {
        var example = Fixtures.Node("verbatim/ls-openapi-ml-create.request.json").AsObject().Select(p => p.Key).Order();
        var ours = Fixtures.Wire(new MlBackendCreateRequest { Project = 1, Url = "http://localhost:9090" }).AsObject().Select(p => p.Key).Order();

        Assert.Equal(example, ours);
    }

    [Fact]
    public void Update_of_title_and_interactive_sends_url_and_project_too()
    {
        var current = Fixtures.Read<MlBackend>("derived/ml-backend.connected.example.json");

        var patch = LabelStudioClient.BuildPatch(current, new MlBackendChanges { Title = "yolo-v2", IsInteractive = true });

        Fixtures.AssertJsonEqual(Fixtures.Node("derived/ml-patch.safe.request.json"), Fixtures.Wire(patch));
    }

    [Theory]
    [InlineData("verbatim/ls-openapi-ml-patch.request.json")]
    [InlineData("verbatim/ls-tavern-ml-patch-unreachable-url.request.json")]
    public void Update_of_the_url_alone_still_sends_the_project(string fixture)
    {
        var url = Fixtures.Node(fixture)["url"]!.GetValue<string>();
        var current = new MlBackend { Id = 5, Project = 1, Url = "http://localhost:9090" };

        var wire = Fixtures.Wire(LabelStudioClient.BuildPatch(current, new MlBackendChanges { Url = url }));

        Fixtures.AssertContains(Fixtures.Node(fixture), wire);
        Assert.Equal(1, wire["project"]!.GetValue<int>());
    }

    [Fact]
    public void Update_of_the_model_version_sends_url_and_project_and_pins_the_version()
    {
        var expected = Fixtures.Node("verbatim/ls-tavern-ml-patch-model-version.request.json");
        expected["project"] = 1;
        var current = new MlBackend { Id = 5, Project = 1, Url = "http://localhost:9090", AutoUpdate = true };

        var wire = Fixtures.Wire(LabelStudioClient.BuildPatch(current, new MlBackendChanges { ModelVersion = "2" }));

        Fixtures.AssertContains(expected, wire);
        Assert.False(wire["auto_update"]!.GetValue<bool>());
    }

    [Fact]
    public void Update_of_a_basic_auth_backend_keeps_the_stored_password_with_an_empty_one()
    {
        var expected = Fixtures.Node("verbatim/ls-test-ml-patch-without-password.request.json");

        var wire = Fixtures.Wire(LabelStudioClient.BuildPatch(BasicAuthBackend, new MlBackendChanges { Title = "new_title_1" }));

        Fixtures.AssertContains(expected, wire);
        Assert.Equal("BASIC_AUTH", wire["auth_method"]!.GetValue<string>());
        Assert.Equal("user", wire["basic_auth_user"]!.GetValue<string>());
        Assert.Equal("", wire["basic_auth_pass"]!.GetValue<string>());
    }

    [Fact]
    public void Update_with_a_new_password_sends_it()
    {
        var expected = Fixtures.Node("verbatim/ls-test-ml-patch-new-password.request.json");

        var patch = LabelStudioClient.BuildPatch(BasicAuthBackend, new MlBackendChanges { Title = "new_title", BasicAuthPass = "<ANOTHER_SECRET>" });

        Fixtures.AssertContains(expected, Fixtures.Wire(patch));
        Assert.DoesNotContain("<ANOTHER_SECRET>", patch.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Update_of_a_backend_without_basic_auth_sends_no_auth_fields()
    {
        var wire = Fixtures.Wire(LabelStudioClient.BuildPatch(new MlBackend { Project = 2, Url = "http://ml:9090", AuthMethod = new("NA") }, new MlBackendChanges { Title = "x" }));

        Assert.False(wire.AsObject().ContainsKey("auth_method"));
        Assert.False(wire.AsObject().ContainsKey("basic_auth_user"));
        Assert.False(wire.AsObject().ContainsKey("basic_auth_pass"));
    }

    [Fact]
    public void Switching_basic_auth_on_keeps_the_servers_spelling()
    {
        var wire = Fixtures.Wire(LabelStudioClient.BuildPatch(
            new MlBackend { Project = 2, Url = "http://ml:9090", AuthMethod = new("NA") },
            new MlBackendChanges { UseBasicAuth = true, BasicAuthUser = "bot", BasicAuthPass = "pw" }));

        Assert.Equal("BA", wire["auth_method"]!.GetValue<string>());
        Assert.Equal("bot", wire["basic_auth_user"]!.GetValue<string>());
        Assert.Equal("pw", wire["basic_auth_pass"]!.GetValue<string>());
    }

    [Fact]
    public void Switching_basic_auth_off_empties_the_user_and_sends_no_password()
    {
        var wire = Fixtures.Wire(LabelStudioClient.BuildPatch(BasicAuthBackend, new MlBackendChanges { UseBasicAuth = false })).AsObject();

        Assert.Equal("NONE", wire["auth_method"]!.GetValue<string>());
        Assert.Equal("", wire["basic_auth_user"]!.GetValue<string>());
        Assert.False(wire.ContainsKey("basic_auth_pass"));
    }

    [Fact]
    public void Update_of_a_backend_Label_Studio_sends_basic_auth_for_resends_it_whatever_auth_method_says()
    {
        var current = BasicAuthBackend with { AuthMethod = MlBackendAuthMethod.None };

        var wire = Fixtures.Wire(LabelStudioClient.BuildPatch(current, new MlBackendChanges { Title = "x" }));

        Assert.Equal("NONE", wire["auth_method"]!.GetValue<string>());
        Assert.Equal("user", wire["basic_auth_user"]!.GetValue<string>());
        Assert.Equal("", wire["basic_auth_pass"]!.GetValue<string>());
    }

    [Fact]
    public void Update_resends_the_stored_extra_params_unless_they_change()
    {
        var current = BasicAuthBackend with { ExtraParams = new JsonObject { ["threshold"] = 0.5 } };

        var kept = Fixtures.Wire(LabelStudioClient.BuildPatch(current, new MlBackendChanges { Title = "x" }));
        var changed = Fixtures.Wire(LabelStudioClient.BuildPatch(current, new MlBackendChanges { ExtraParams = new JsonObject { ["threshold"] = 0.7 } }));

        Assert.Equal(0.5, kept["extra_params"]!["threshold"]!.GetValue<double>());
        Assert.Equal(0.7, changed["extra_params"]!["threshold"]!.GetValue<double>());
    }

    [Fact]
    public void Interactive_request_matches_Label_Studio_test()
    {
        Fixtures.AssertJsonEqual(
            Fixtures.Node("verbatim/ls-test-interactive-annotating.request.json"),
            Fixtures.Wire(new InteractiveAnnotatingRequest { Task = 1, Context = new JsonObject { ["y"] = "y" } }));
    }

    [Theory]
    [InlineData("derived/token-refresh.request.json")]
    [InlineData("verbatim/ls-docs-token-refresh.request.json")]
    public void Token_refresh_request_matches(string fixture)
    {
        var expected = Fixtures.Node(fixture);

        var ours = Fixtures.Wire(new TokenRefreshRequest { Refresh = expected["refresh"]!.GetValue<string>() });

        Fixtures.AssertJsonEqual(expected, ours);
        Assert.DoesNotContain(expected["refresh"]!.GetValue<string>(), new TokenRefreshRequest { Refresh = "x" + expected["refresh"] }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Train_body_is_a_JSON_object_like_the_ignored_test_body()
    {
        // Label Studio ignores the body (docs/label-studio-behaviour.md, "Label Studio: ML backends"); what matters is that a JSON object goes out.
        Assert.IsType<JsonObject>(Fixtures.Node("verbatim/ls-test-train.request.json"));
        Assert.IsType<JsonObject>(Fixtures.Wire(new TrainRequest()));
    }
}
