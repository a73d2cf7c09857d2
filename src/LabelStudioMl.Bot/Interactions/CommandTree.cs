using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Discord.Models;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>The <c>/ml</c> command built from the subcommands' declarations: what is registered with Discord and routed to.</summary>
public sealed class CommandTree(IEnumerable<ISlashCommand> commands, IOptions<AccessOptions> access)
{
    /// <summary>The top-level command name (architecture contract).</summary>
    public const string RootName = "ml";

    private readonly Dictionary<string, ISlashCommand> _byName = commands.ToDictionary(c => c.Declaration.Name, StringComparer.Ordinal);

    /// <summary>Every subcommand, by name.</summary>
    public IEnumerable<ISlashCommand> Commands => _byName.Values.OrderBy(c => c.Declaration.Name, StringComparer.Ordinal);

    /// <summary>The subcommand called <paramref name="name"/>, if any.</summary>
    public ISlashCommand? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The commands to register with Discord.</summary>
    /// <remarks>
    /// A real <see cref="List{T}"/>: Refit serialises the runtime type, and the compiler's one-element list behind a
    /// collection expression has no metadata in the source-generated JSON context (registration failed and stopped the host).
    /// </remarks>
    public IReadOnlyList<ApplicationCommand> ToDiscord() => new List<ApplicationCommand>
    {
        new ApplicationCommand
        {
            Type = ApplicationCommandType.ChatInput,
            Name = RootName,
            Description = "Label Studio ML backends: list, train, watch and manage them",
            Options = [.. Commands.Select(c => c.Declaration.ToDiscord())],

            // Discord hides top-level commands only (never one subcommand), so this applies to all of /ml.
            DefaultMemberPermissions = access.Value.AdminCommandPermissionBits,

            // Offered in servers, and in the bot's direct messages only when someone may use it there (application-commands.mdx,
            // "Interaction Contexts": 0 GUILD, 1 BOT_DM); installed to servers only ("Installation Context": 0 GUILD_INSTALL).
            Contexts = access.Value.DirectMessageUsers.Count > 0 ? [0, 1] : [0],
            IntegrationTypes = [0],
        },
    };
}
