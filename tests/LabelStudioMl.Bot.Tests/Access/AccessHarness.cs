using System.Text;
using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LabelStudioMl.Bot.Tests.Access;

/// <summary>A policy built from a JSON <c>Access</c> section, a stub Discord and a fake clock.</summary>
public sealed class AccessHarness
{
    public const string Guild = "111111111111111111";
    public const string IdOnlyGuild = "111111111111111112";
    public const string MlTeam = "222222222222222201";
    public const string Operators = "222222222222222202";
    public const string MlAdmins = "222222222222222203";
    public const string Unrelated = "222222222222222299";
    public const string DirectMessageOperator = "333333333333333301";

    /// <summary>The configuration most tests use: names and ids, @everyone, an id-only server, one DM user.</summary>
    public const string StandardJson = $$"""
        {
          "Access": {
            "Guilds": {
              "{{Guild}}": {
                "View": [ "@everyone" ],
                "Operate": [ "ML-Team", "{{Operators}}" ],
                "Admin": [ "@ml-admins" ]
              },
              "{{IdOnlyGuild}}": {
                "Operate": [ "{{Operators}}" ]
              }
            },
            "DirectMessageUsers": { "{{DirectMessageOperator}}": "Operate" }
          }
        }
        """;

    public AccessHarness(string json = StandardJson)
    {
        Options = Bind(json);
        Discord = new StubDiscordRoles()
            .WithRole(Guild, Guild, "@everyone")
            .WithRole(Guild, MlTeam, "ml-team")
            .WithRole(Guild, Operators, "operators")
            .WithRole(Guild, MlAdmins, "ml-admins");
        Resolver = new RoleNameResolver(Discord, Time, new Logger<RoleNameResolver>(new LoggerFactory([Logs])));
        Policy = new AccessPolicy(Microsoft.Extensions.Options.Options.Create(Options), Resolver);
    }

    public AccessSettings Options { get; }

    public StubDiscordRoles Discord { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public CapturedLogs Logs { get; } = new();

    public RoleNameResolver Resolver { get; }

    public AccessPolicy Policy { get; }

    public static AccessSettings Bind(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return configuration.GetSection(AccessSettings.SectionName).Get<AccessSettings>() ?? new AccessSettings();
    }

    public static ValidateOptionsResult Validate(string json) => new AccessSettingsValidator().Validate(null, Bind(json));

    public static Caller Member(string guildId, params string[] roleIds) =>
        new("444444444444444401", "alice", guildId, "555555555555555501", roleIds);

    public static Caller DirectMessage(string userId) => new(userId, "bob", GuildId: null, ChannelId: "555555555555555502", RoleIds: []);

    public async Task<string> DenialAsync(Caller caller, AccessLevel required, string command)
    {
        var decision = await Policy.CheckAsync(caller, required, CancellationToken.None);
        Assert.False(decision.IsAllowed, $"{caller} should be denied {required}.");
        return decision.MessageFor(command);
    }
}
