namespace LabelStudioMl.Bot.Interactions;

/// <summary>The <c>/ml</c> command built from the subcommands' declarations: what transports offer and route to.</summary>
public sealed class CommandTree(IEnumerable<ISlashCommand> commands)
{
    /// <summary>The top-level command name (architecture contract).</summary>
    public const string RootName = "ml";

    private readonly Dictionary<string, ISlashCommand> _byName = commands.ToDictionary(c => c.Declaration.Name, StringComparer.Ordinal);

    /// <summary>Every subcommand, by name.</summary>
    public IEnumerable<ISlashCommand> Commands => _byName.Values.OrderBy(c => c.Declaration.Name, StringComparer.Ordinal);

    /// <summary>The subcommand called <paramref name="name"/>, if any.</summary>
    public ISlashCommand? Find(string name) => _byName.GetValueOrDefault(name);
}
