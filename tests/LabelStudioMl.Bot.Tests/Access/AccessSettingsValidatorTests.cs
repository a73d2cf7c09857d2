using static LabelStudioMl.Bot.Tests.Access.AccessHarness;

namespace LabelStudioMl.Bot.Tests.Access;

public sealed class AccessSettingsValidatorTests
{
    private static string SingleFailure(string json)
    {
        var result = Validate(json);
        Assert.True(result.Failed, "The configuration should be refused.");
        return Assert.Single(result.Failures!);
    }

    [Fact]
    public void Accepts_the_documented_example()
    {
        Assert.True(Validate(AccessSettingsBindingTests.DocumentedJson).Succeeded);
    }

    [Fact]
    public void Accepts_an_empty_section_in_which_everyone_on_Discord_is_denied()
    {
        var options = Bind("""{ "Access": {} }""");

        Assert.True(Validate("""{ "Access": {} }""").Succeeded);
        Assert.True(options.IsEmpty);
        Assert.False(Bind(StandardJson).IsEmpty);
    }

    [Fact]
    public void Refuses_a_server_key_that_is_not_an_id()
    {
        var failure = SingleFailure("""{ "Access": { "Guilds": { "ml-server": { "View": [ "@everyone" ] } } } }""");

        Assert.StartsWith("Access:Guilds:ml-server is not a server id.", failure, StringComparison.Ordinal);
        Assert.Contains("Copy Server ID", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_level_that_is_not_View_Operate_or_Admin()
    {
        var failure = SingleFailure("""{ "Access": { "Guilds": { "123": { "Operator": [ "ml-team" ] } } } }""");

        Assert.Equal("Access:Guilds:123:Operator is not an access level. Use View, Operate or Admin as the key "
            + "(environment variable Access__Guilds__123__Operator).", failure);
    }

    [Fact]
    public void Refuses_an_empty_role_entry_naming_its_position()
    {
        var failure = SingleFailure("""{ "Access": { "Guilds": { "123": { "Operate": [ "ml-team", " " ] } } } }""");

        Assert.Equal("Access:Guilds:123:Operate[1] is empty. Give a role id, a role name or @everyone, or remove the entry "
            + "(environment variable Access__Guilds__123__Operate__1).", failure);
    }

    [Fact]
    public void Refuses_a_role_id_too_large_to_be_one()
    {
        var failure = SingleFailure("""{ "Access": { "Guilds": { "123": { "Admin": [ "99999999999999999999999" ] } } } }""");

        Assert.StartsWith("Access:Guilds:123:Admin[0] '99999999999999999999999' looks like a role id but is too large", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_direct_message_user_key_that_is_not_an_id()
    {
        var failure = SingleFailure("""{ "Access": { "DirectMessageUsers": { "alice": "View" } } }""");

        Assert.StartsWith("Access:DirectMessageUsers:alice is not a user id.", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Owner")]
    [InlineData("None")]
    [InlineData("2")]
    public void Refuses_a_direct_message_level_that_is_not_View_Operate_or_Admin(string level)
    {
        var failure = SingleFailure($$"""{ "Access": { "DirectMessageUsers": { "345": "{{level}}" } } }""");

        Assert.Equal($"Access:DirectMessageUsers:345 '{level}' is not an access level. Use View, Operate or Admin "
            + "(environment variable Access__DirectMessageUsers__345).", failure);
    }

    [Fact]
    public void Refuses_a_console_level_that_is_not_View_Operate_or_Admin()
    {
        var failure = SingleFailure("""{ "Access": { "Console": { "Level": "root" } } }""");

        Assert.Equal("Access:Console:Level 'root' is not an access level. Use View, Operate or Admin "
            + "(environment variable Access__Console__Level).", failure);
    }

    [Fact]
    public void Refuses_an_empty_console_identity()
    {
        var result = Validate("""{ "Access": { "Console": { "UserId": " ", "UserName": "" } } }""");

        Assert.Collection(result.Failures!,
            f => Assert.StartsWith("Access:Console:UserId is empty.", f, StringComparison.Ordinal),
            f => Assert.StartsWith("Access:Console:UserName is empty.", f, StringComparison.Ordinal));
    }

    [Fact]
    public void Refuses_an_unknown_permission_name_listing_the_known_ones()
    {
        var failure = SingleFailure("""{ "Access": { "AdminCommandPermissions": "ManageServer" } }""");

        Assert.StartsWith("Access:AdminCommandPermissions 'ManageServer' is not a known Discord permission. Use one of ", failure, StringComparison.Ordinal);
        Assert.Contains("ManageGuild", failure, StringComparison.Ordinal);
        Assert.Contains("none", failure, StringComparison.Ordinal);
        Assert.EndsWith("(environment variable Access__AdminCommandPermissions).", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_every_problem_on_its_own_line()
    {
        var result = Validate("""
            {
              "Access": {
                "Guilds": { "x": { "View": [ "" ], "Boss": [ "a" ] } },
                "DirectMessageUsers": { "1": "God" },
                "AdminCommandPermissions": "Everything"
              }
            }
            """);

        Assert.Equal(5, result.Failures!.Count());
    }
}
