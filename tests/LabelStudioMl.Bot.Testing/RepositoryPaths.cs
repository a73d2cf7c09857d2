namespace LabelStudioMl.Bot.Testing;

/// <summary>Finds the repository root and the shared folder beside it (fixtures and docs), wherever the tests run from.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder that holds <c>LabelStudioMl.Bot.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The <c>shared/</c> folder laid beside the checkout (<c>../shared</c>).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>A path below <c>shared/fixtures</c>.</summary>
    public static string Fixture(params string[] parts) =>
        Path.Combine([Shared, "fixtures", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LabelStudioMl.Bot.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException(
            $"LabelStudioMl.Bot.sln was not found above {AppContext.BaseDirectory}; run the tests from a checkout of the repository.");
    }
}
