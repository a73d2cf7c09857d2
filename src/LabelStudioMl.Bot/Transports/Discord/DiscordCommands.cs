using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Interactions;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>The <c>/ml</c> command as Discord registers it, built from the subcommands' declarations.</summary>
internal sealed class DiscordCommands(CommandTree tree, IOptions<AccessSettings> access)
{
    /// <summary>The commands to register with Discord.</summary>
    /// <remarks>
    /// A real <see cref="List{T}"/>: Refit serialises the runtime type, and the compiler's one-element list behind a
    /// collection expression has no metadata in the source-generated JSON context (registration failed and stopped the host).
    /// </remarks>
    public IReadOnlyList<ApplicationCommand> Registration() => new List<ApplicationCommand>
    {
        new ApplicationCommand
        {
            Type = ApplicationCommandType.ChatInput,
            Name = CommandTree.RootName,
            Description = "Label Studio ML backends: list, train, watch and manage them",
            Options = [.. tree.Commands.Select(c => Subcommand(c.Declaration))],

            // Discord hides top-level commands only (never one subcommand), so this applies to all of /ml.
            DefaultMemberPermissions = access.Value.AdminCommandPermissionBits,

            // Offered in servers, and in the bot's direct messages only when someone may use it there (application-commands.mdx,
            // "Interaction Contexts": 0 GUILD, 1 BOT_DM); installed to servers only ("Installation Context": 0 GUILD_INSTALL).
            Contexts = access.Value.DirectMessageUsers.Count > 0 ? [0, 1] : [0],
            IntegrationTypes = [0],
        },
    };

    /// <summary>The Discord type of an option kind (application-commands.mdx, "Application Command Option Type").</summary>
    public static ApplicationCommandOptionType TypeOf(OptionKind kind) => kind switch
    {
        OptionKind.WholeNumber => ApplicationCommandOptionType.Integer,
        OptionKind.Number => ApplicationCommandOptionType.Number,
        OptionKind.YesNo => ApplicationCommandOptionType.Boolean,
        OptionKind.Role => ApplicationCommandOptionType.Role,
        _ => ApplicationCommandOptionType.String,
    };

    /// <summary>A subcommand's registration (required options first, as Discord demands).</summary>
    private static ApplicationCommandOption Subcommand(CommandDeclaration declaration) => new()
    {
        Type = ApplicationCommandOptionType.SubCommand,
        Name = declaration.Name,
        Description = declaration.Description,
        Options = declaration.Options.Count == 0 ? null : [.. declaration.Options.OrderByDescending(o => o.Required).Select(Option)],
    };

    private static ApplicationCommandOption Option(CommandOption option) => new()
    {
        Type = TypeOf(option.Kind),
        Name = option.Name,
        Description = option.Description,
        Required = option.Required ? true : null,
        Autocomplete = option.Autocomplete ? true : null,

        // Label Studio ids are positive ints: Discord refuses anything else before it reaches the bot.
        MinValue = option.IsId ? 1 : null,
        MaxValue = option.IsId ? int.MaxValue : null,
    };
}
