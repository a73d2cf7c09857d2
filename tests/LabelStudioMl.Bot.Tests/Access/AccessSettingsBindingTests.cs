using LabelStudioMl.Bot.Access;
using static LabelStudioMl.Bot.Tests.Access.AccessHarness;

namespace LabelStudioMl.Bot.Tests.Access;

/// <summary>The format documented in docs/access.md, read through the configuration system as the host reads appsettings.json.</summary>
public sealed class AccessSettingsBindingTests
{
    public const string DocumentedJson = """
        {
          "Access": {
            "Guilds": {
              "123456789012345678": {
                "View":    ["@everyone"],
                "Operate": ["ml-team", "234567890123456789"],
                "Admin":   ["ml-admins"]
              }
            },
            "DirectMessageUsers": { "345678901234567890": "Operate" },
            "Console": { "UserId": "console", "UserName": "console", "Level": "Admin" },
            "AdminCommandPermissions": "ManageGuild"
          }
        }
        """;

    [Fact]
    public void The_documented_example_binds_every_key()
    {
        var options = Bind(DocumentedJson);

        var guild = Assert.Single(options.Guilds);
        Assert.Equal("123456789012345678", guild.Key);
        Assert.Equal(["@everyone"], guild.Value["View"]);
        Assert.Equal(["ml-team", "234567890123456789"], guild.Value["Operate"]);
        Assert.Equal(["ml-admins"], guild.Value["Admin"]);
        Assert.Equal("Operate", options.DirectMessageUsers["345678901234567890"]);
        Assert.Equal(("console", "console", "Admin"), (options.Console.UserId, options.Console.UserName, options.Console.Level));
        Assert.Equal("32", options.AdminCommandPermissionBits);
    }

    [Fact]
    public async Task The_documented_example_grants_what_the_documentation_says()
    {
        var access = new AccessHarness(DocumentedJson);
        access.Discord.WithRole("123456789012345678", "234567890123456700", "ML-Admins");
        const string guild = "123456789012345678";

        Assert.Equal(AccessLevel.View, await access.Policy.LevelOfAsync(Member(guild), CancellationToken.None));
        Assert.Equal(AccessLevel.Operate, await access.Policy.LevelOfAsync(Member(guild, "234567890123456789"), CancellationToken.None));
        Assert.Equal(AccessLevel.Admin, await access.Policy.LevelOfAsync(Member(guild, "234567890123456700"), CancellationToken.None));
        Assert.Equal(AccessLevel.Operate, await access.Policy.LevelOfAsync(DirectMessage("345678901234567890"), CancellationToken.None));
    }

    [Fact]
    public void Without_the_section_the_console_is_admin_and_the_bot_is_hidden_from_nobody()
    {
        var options = Bind("{}");

        Assert.True(options.IsEmpty);
        Assert.Equal("Admin", options.Console.Level);
        Assert.Null(options.AdminCommandPermissionBits);
    }

    [Fact]
    public void An_empty_role_entry_reaches_the_validator_instead_of_vanishing()
    {
        var options = Bind("""{ "Access": { "Guilds": { "123": { "Operate": [ "ml-team", "" ] } } } }""");

        Assert.Equal(["ml-team", ""], options.Guilds["123"]["Operate"]);
    }

    [Fact]
    public async Task A_server_listed_without_roles_is_configured_but_grants_nothing()
    {
        var access = new AccessHarness($$"""{ "Access": { "Guilds": { "{{Guild}}": {}, "{{IdOnlyGuild}}": { "View": [] } } } }""");

        var listedEmpty = await access.DenialAsync(Member(Guild), AccessLevel.View, "/ml list");
        var emptyLevel = await access.DenialAsync(Member(IdOnlyGuild), AccessLevel.View, "/ml list");

        Assert.StartsWith("You need **view** access for `/ml list`. In this server no role grants it", listedEmpty, StringComparison.Ordinal);
        Assert.StartsWith("You need **view** access for `/ml list`. In this server no role grants it", emptyLevel, StringComparison.Ordinal);
    }
}
