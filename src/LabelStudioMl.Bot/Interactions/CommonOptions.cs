
namespace LabelStudioMl.Bot.Interactions;

/// <summary>Options several subcommands share, declared once so they read and autocomplete alike.</summary>
internal static class CommonOptions
{
    /// <summary>The name of the option that names a backend, in every command that acts on one.</summary>
    public const string BackendName = "backend";

    /// <summary>The name of the option that names a project.</summary>
    public const string ProjectName = "project";

    public static readonly CommandOption Backend = new(BackendName, "The ML backend (id, or pick by title or project)", OptionKind.WholeNumber, Required: true, Autocomplete: true, IsId: true);

    public static readonly CommandOption Project = new(ProjectName, "The Label Studio project (id, or pick by title)", OptionKind.WholeNumber, Required: true, Autocomplete: true, IsId: true);

    public static readonly CommandOption OptionalProject = Project with { Required = false, Description = "Only this Label Studio project (all when left out)" };
}
