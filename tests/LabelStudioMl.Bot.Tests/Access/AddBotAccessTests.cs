using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Discord;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Transports.Discord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using static LabelStudioMl.Bot.Tests.Access.AccessHarness;

namespace LabelStudioMl.Bot.Tests.Access;

/// <summary>The access layer wired like the product (AddDiscordRest + AddBotAccess) against FakeDiscord on 127.0.0.1.</summary>
public sealed class AddBotAccessTests
{
    // FakeDiscord's default guild and its "ml-operator" role.
    private const string FakeGuild = "1100000000000000100";
    private const string FakeOperatorRole = "1100000000000000401";

    private static IHost Build(FakeDiscord fake, IDictionary<string, string?> access)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(fake.Configuration()).AddInMemoryCollection(access);
        builder.Services.AddLogging().AddDiscordRest().AddBotAccess().AddSingleton<IGuildRoleSource, DiscordGuildRoles>();
        return builder.Build();
    }

    [Fact]
    public async Task A_role_name_is_resolved_through_Discord_once()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var host = Build(fake, new Dictionary<string, string?> { [$"Access:Guilds:{FakeGuild}:Operate:0"] = "ML-Operator" });
        await host.StartAsync();
        var policy = host.Services.GetRequiredService<AccessPolicy>();

        var first = await policy.CheckAsync(Member(FakeGuild, FakeOperatorRole), AccessLevel.Operate, CancellationToken.None);
        var second = await policy.CheckAsync(Member(FakeGuild, FakeOperatorRole), AccessLevel.Operate, CancellationToken.None);

        Assert.True(first.IsAllowed && second.IsAllowed);
        Assert.Single(fake.Requests, r => r.Method == "GET" && r.Path == $"/guilds/{FakeGuild}/roles");
        await host.StopAsync();
    }

    [Fact]
    public async Task A_malformed_section_stops_the_host_at_start_naming_the_key()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var host = Build(fake, new Dictionary<string, string?> { ["Access:Guilds:my-server:View:0"] = "@everyone" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.StartsWith("Access:Guilds:my-server is not a server id.", StringComparison.Ordinal));
    }

    [Fact]
    public void Registers_the_policy_and_the_resolver_as_singletons()
    {
        var services = new ServiceCollection().AddBotAccess();

        Assert.Equal(ServiceLifetime.Singleton, Assert.Single(services, s => s.ServiceType == typeof(AccessPolicy)).Lifetime);
        Assert.Equal(ServiceLifetime.Singleton, Assert.Single(services, s => s.ServiceType == typeof(RoleNameResolver)).Lifetime);
    }
}
