using LabelStudioMl.Bot.Access;

namespace LabelStudioMl.Bot.Tests.Access;

public sealed class CommandPermissionsTests
{
    [Theory]
    [InlineData("ManageGuild", "32")]
    [InlineData("manage_guild", "32")]
    [InlineData("Administrator", "8")]
    [InlineData("ManageChannels", "16")]
    [InlineData("ManageRoles", "268435456")]
    public void A_permission_name_becomes_the_decimal_default_member_permissions(string name, string expected)
    {
        Assert.True(CommandPermissions.TryParse(name, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    public void None_leaves_the_commands_visible_to_everyone(string name)
    {
        Assert.True(CommandPermissions.TryParse(name, out var value));
        Assert.Null(value);
    }

    [Theory]
    [InlineData("ManageServer")]
    [InlineData("32")]
    [InlineData("")]
    public void Other_texts_are_refused(string name)
    {
        Assert.False(CommandPermissions.TryParse(name, out _));
    }

    [Fact]
    public void The_options_expose_the_value_for_command_registration()
    {
        Assert.Null(new AccessSettings { AdminCommandPermissions = "none" }.AdminCommandPermissionBits);
        Assert.Equal("8", new AccessSettings { AdminCommandPermissions = "Administrator" }.AdminCommandPermissionBits);
    }
}
