using LabelStudioMl.Bot.Access;
using static LabelStudioMl.Bot.Tests.Access.AccessHarness;

namespace LabelStudioMl.Bot.Tests.Access;

public sealed class AccessPolicyTests
{
    public sealed class CheckAsync_in_a_server
    {
        private readonly AccessHarness _access = new();

        private async Task<bool> AllowedAsync(string guild, AccessLevel required, params string[] roles) =>
            (await _access.Policy.CheckAsync(Member(guild, roles), required, CancellationToken.None)).IsAllowed;

        [Fact]
        public async Task A_role_listed_by_id_grants_its_level_without_asking_Discord()
        {
            Assert.True(await AllowedAsync(IdOnlyGuild, AccessLevel.Operate, Operators));
            Assert.Equal(0, _access.Discord.RoleCalls);
        }

        [Fact]
        public async Task A_role_listed_by_name_grants_its_level_whatever_the_case()
        {
            // Configured as "ML-Team"; Discord calls it "ml-team".
            Assert.True(await AllowedAsync(Guild, AccessLevel.Operate, MlTeam));
        }

        [Fact]
        public async Task A_leading_at_sign_in_a_configured_name_is_optional()
        {
            // Configured as "@ml-admins".
            Assert.True(await AllowedAsync(Guild, AccessLevel.Admin, MlAdmins));
        }

        [Theory]
        [InlineData(AccessLevel.View)]
        [InlineData(AccessLevel.Operate)]
        [InlineData(AccessLevel.Admin)]
        public async Task A_role_listed_under_Admin_grants_every_level(AccessLevel required)
        {
            Assert.True(await AllowedAsync(Guild, required, MlAdmins));
        }

        [Fact]
        public async Task A_role_listed_under_Operate_grants_view_but_not_admin()
        {
            Assert.True(await AllowedAsync(Guild, AccessLevel.View, MlTeam));
            Assert.True(await AllowedAsync(Guild, AccessLevel.Operate, MlTeam));
            Assert.False(await AllowedAsync(Guild, AccessLevel.Admin, MlTeam));
        }

        [Fact]
        public async Task Everyone_grants_view_to_a_member_without_any_role()
        {
            Assert.True(await AllowedAsync(Guild, AccessLevel.View));
            Assert.False(await AllowedAsync(Guild, AccessLevel.Operate));
        }

        [Fact]
        public async Task Without_everyone_a_member_without_a_listed_role_gets_nothing()
        {
            Assert.False(await AllowedAsync(IdOnlyGuild, AccessLevel.View, Unrelated));
        }

        [Fact]
        public async Task A_role_of_the_same_id_in_another_configured_server_does_not_count_there()
        {
            var access = new AccessHarness($$"""
                { "Access": { "Guilds": { "{{Guild}}": { "Admin": [ "{{MlAdmins}}" ] }, "{{IdOnlyGuild}}": { "View": [ "{{Operators}}" ] } } } }
                """);

            var decision = await access.Policy.CheckAsync(Member(IdOnlyGuild, MlAdmins), AccessLevel.View, CancellationToken.None);

            Assert.False(decision.IsAllowed);
        }

        [Fact]
        public async Task A_configured_name_no_role_has_grants_nothing()
        {
            var access = new AccessHarness($$"""{ "Access": { "Guilds": { "{{Guild}}": { "Operate": [ "ml-teem" ] } } } }""");

            var decision = await access.Policy.CheckAsync(Member(Guild, MlTeam), AccessLevel.Operate, CancellationToken.None);

            Assert.False(decision.IsAllowed);
        }

        [Fact]
        public async Task A_member_of_an_unconfigured_server_is_told_where_to_configure_it()
        {
            var message = await _access.DenialAsync(Member("999999999999999999", MlAdmins), AccessLevel.View, "/ml list");

            Assert.Equal("This server is not configured for the bot. An operator can grant roles under "
                + "Access:Guilds:999999999999999999 in appsettings.json.", message);
        }

        [Fact]
        public async Task Ids_keep_working_while_Discord_fails()
        {
            _access.Discord.Failure = new HttpRequestException("connection refused");

            Assert.True(await AllowedAsync(Guild, AccessLevel.Operate, Operators));
            Assert.False(await AllowedAsync(Guild, AccessLevel.Operate, MlTeam));
        }
    }

    public sealed class CheckAsync_in_direct_messages
    {
        private readonly AccessHarness _access = new();

        [Fact]
        public async Task An_unlisted_user_is_told_that_direct_messages_are_off()
        {
            var message = await _access.DenialAsync(DirectMessage("444444444444444409"), AccessLevel.View, "/ml list");

            Assert.Equal("Commands in direct messages are off for you. Use a server channel where the bot is, "
                + "or ask an operator to add your user id to Access:DirectMessageUsers.", message);
        }

        [Theory]
        [InlineData(AccessLevel.View)]
        [InlineData(AccessLevel.Operate)]
        public async Task A_listed_user_may_run_commands_up_to_the_listed_level(AccessLevel required)
        {
            var decision = await _access.Policy.CheckAsync(DirectMessage(DirectMessageOperator), required, CancellationToken.None);

            Assert.True(decision.IsAllowed);
        }

        [Fact]
        public async Task A_listed_user_is_denied_above_the_listed_level_naming_both_levels()
        {
            var message = await _access.DenialAsync(DirectMessage(DirectMessageOperator), AccessLevel.Admin, "/ml add");

            Assert.Equal("You need **admin** access for `/ml add`. In direct messages you have **operate** access; an operator can raise it "
                + $"under Access:DirectMessageUsers:{DirectMessageOperator}, or use a server channel where your roles grant it.", message);
        }
    }

    public sealed class CheckAsync_on_the_console
    {
        [Theory]
        [InlineData(AccessLevel.View)]
        [InlineData(AccessLevel.Operate)]
        [InlineData(AccessLevel.Admin)]
        public async Task The_console_is_admin_when_not_configured(AccessLevel required)
        {
            var access = new AccessHarness("""{ "Access": {} }""");

            var decision = await access.Policy.CheckAsync(access.Options.Console.ToCaller(), required, CancellationToken.None);

            Assert.True(decision.IsAllowed);
        }

        [Fact]
        public async Task A_console_configured_for_view_is_denied_operate_naming_the_setting()
        {
            var access = new AccessHarness("""{ "Access": { "Console": { "Level": "view" } } }""");

            var message = await access.DenialAsync(access.Options.Console.ToCaller(), AccessLevel.Operate, "/ml train");

            Assert.Equal("You need **operate** access for `/ml train`. The console runs with **view** access; "
                + "an operator can raise Access:Console:Level.", message);
        }

        [Fact]
        public void The_console_caller_carries_the_configured_identity()
        {
            var access = new AccessHarness("""{ "Access": { "Console": { "UserId": "ops-box", "UserName": "night shift" } } }""");

            var caller = access.Options.Console.ToCaller();

            Assert.Equal(("ops-box", "night shift", true, false), (caller.UserId, caller.UserName, caller.IsConsole, caller.IsDirectMessage));
        }
    }

    public sealed class Denial_messages
    {
        private readonly AccessHarness _access = new();

        [Fact]
        public async Task Name_the_level_and_every_role_that_grants_it_including_higher_levels()
        {
            var message = await _access.DenialAsync(Member(Guild), AccessLevel.Operate, "/ml train");

            Assert.Equal("You need **operate** access for `/ml train`. "
                + "In this server it is granted by the roles @ML-Team, @operators, @ml-admins.", message);
        }

        [Fact]
        public async Task Say_role_for_a_single_granting_role()
        {
            var message = await _access.DenialAsync(Member(Guild, MlTeam), AccessLevel.Admin, "/ml add");

            Assert.Equal("You need **admin** access for `/ml add`. In this server it is granted by the role @ml-admins.", message);
        }

        [Fact]
        public async Task Mention_a_role_id_whose_name_Discord_does_not_tell()
        {
            _access.Discord.Failure = new HttpRequestException("connection refused");

            var message = await _access.DenialAsync(Member(Guild), AccessLevel.Operate, "/ml train");

            Assert.Equal("You need **operate** access for `/ml train`. "
                + $"In this server it is granted by the roles @ML-Team, <@&{Operators}>, @ml-admins.", message);
        }

        [Fact]
        public async Task Say_where_to_add_roles_when_no_role_grants_the_level()
        {
            var message = await _access.DenialAsync(Member(IdOnlyGuild, Operators), AccessLevel.Admin, "/ml remove");

            Assert.Equal("You need **admin** access for `/ml remove`. In this server no role grants it; "
                + $"an operator can add roles under Access:Guilds:{IdOnlyGuild}:Admin in appsettings.json.", message);
        }

        [Fact]
        public async Task Are_empty_when_the_call_is_allowed()
        {
            var decision = await _access.Policy.CheckAsync(Member(Guild, MlAdmins), AccessLevel.Admin, CancellationToken.None);

            Assert.Equal("", decision.MessageFor("/ml add"));
        }
    }

    public sealed class LevelOfAsync
    {
        private readonly AccessHarness _access = new();

        private ValueTask<AccessLevel> LevelAsync(Caller caller) => _access.Policy.LevelOfAsync(caller, CancellationToken.None);

        [Fact]
        public async Task Is_the_highest_level_any_of_the_member_roles_grants()
        {
            Assert.Equal(AccessLevel.Admin, await LevelAsync(Member(Guild, MlTeam, MlAdmins)));
            Assert.Equal(AccessLevel.Operate, await LevelAsync(Member(Guild, Unrelated, MlTeam)));
            Assert.Equal(AccessLevel.View, await LevelAsync(Member(Guild, Unrelated)));
        }

        [Fact]
        public async Task Asks_Discord_about_names_only_for_levels_above_what_the_ids_grant()
        {
            var access = new AccessHarness($$"""
                { "Access": { "Guilds": { "{{Guild}}": { "Operate": [ "ml-team" ], "Admin": [ "{{MlAdmins}}" ] } } } }
                """);

            Assert.Equal(AccessLevel.Admin, await access.Policy.LevelOfAsync(Member(Guild, MlAdmins), CancellationToken.None));
            Assert.Equal(0, access.Discord.RoleCalls);
            Assert.Equal(AccessLevel.Operate, await access.Policy.LevelOfAsync(Member(Guild, MlTeam), CancellationToken.None));
            Assert.Equal(1, access.Discord.RoleCalls);
        }

        [Fact]
        public async Task Is_none_in_an_unconfigured_server_and_for_unlisted_direct_messages()
        {
            Assert.Equal(AccessLevel.None, await LevelAsync(Member("999999999999999999", MlAdmins)));
            Assert.Equal(AccessLevel.None, await LevelAsync(Member(IdOnlyGuild, Unrelated)));
            Assert.Equal(AccessLevel.None, await LevelAsync(DirectMessage("444444444444444409")));
        }

        [Fact]
        public async Task Is_the_listed_level_in_direct_messages_and_the_configured_level_on_the_console()
        {
            Assert.Equal(AccessLevel.Operate, await LevelAsync(DirectMessage(DirectMessageOperator)));
            Assert.Equal(AccessLevel.Admin, await LevelAsync(_access.Options.Console.ToCaller()));
        }
    }
}
