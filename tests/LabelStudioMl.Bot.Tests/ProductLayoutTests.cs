using System.Text.RegularExpressions;
using LabelStudioMl.Bot.Testing;

namespace LabelStudioMl.Bot.Tests;

/// <summary>
/// The product's folders depend on each other one way only (docs/architecture.md, "Inside the product"): a folder is a
/// namespace, and no chain of <c>using</c> directives leads from a folder back to itself. Discord's models and clients
/// stay in the Discord transport, so swapping the Discord library touches it (and the composition root) alone.
/// </summary>
public sealed partial class ProductLayoutTests
{
    private const string Product = "LabelStudioMl.Bot";

    private static readonly string Source = Path.Combine(RepositoryPaths.Root, "src", Product);

    [Fact]
    public void Every_file_declares_the_namespace_of_its_folder()
    {
        var wrong = Files()
            .Where(f => f.Namespace is not null && f.Namespace != ExpectedNamespace(f.Path))
            .Select(f => $"{Path.GetRelativePath(Source, f.Path)} declares {f.Namespace}")
            .ToList();

        Assert.Empty(wrong);
    }

    [Fact]
    public void No_folder_depends_on_itself_through_others()
    {
        var edges = Files()
            .Where(f => f.Namespace is not null)
            .SelectMany(f => f.Usings.Select(u => (From: Unit(f.Namespace!), To: Unit(u))))
            .Where(e => e.From != e.To && e.To.Length > 0)
            .Distinct()
            .ToLookup(e => e.From, e => e.To);

        var cycles = edges.Select(g => g.Key).Select(start => PathBack(start, edges)).OfType<string>().ToList();

        Assert.Empty(cycles);
    }

    [Fact]
    public void Only_the_Discord_transport_uses_Discord_models_and_the_REST_and_gateway_clients()
    {
        var transport = Path.Combine(Source, "Transports", "Discord") + Path.DirectorySeparatorChar;
        var hosting = Path.Combine(Source, "Hosting") + Path.DirectorySeparatorChar;
        var wrong = Files()
            .Where(f => !f.Path.StartsWith(transport, StringComparison.Ordinal))
            .SelectMany(f => DiscordUsings(f.Path)
                .Where(u => u is "Models" or "Rest" or "Doctor" or "Commands" || (u == "Gateway" && !f.Path.StartsWith(hosting, StringComparison.Ordinal)))
                .Select(u => $"{Path.GetRelativePath(Source, f.Path)} uses {Product}.Discord.{u}"))
            .ToList();

        Assert.Empty(wrong);
    }

    private static IEnumerable<string> DiscordUsings(string path) =>
        DiscordUsingLine().Matches(File.ReadAllText(path)).Select(m => m.Groups[1].Value);

    private static string? PathBack(string start, ILookup<string, string> edges)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<List<string>>([[start]]);
        while (queue.Count > 0)
        {
            var path = queue.Dequeue();
            foreach (var next in edges[path[^1]])
            {
                if (next == start)
                    return string.Join(" → ", path.Append(start));
                if (seen.Add(next))
                    queue.Enqueue([.. path, next]);
            }
        }

        return null;
    }

    /// <summary>The unit of layering: a top folder, or a feature or transport of its own.</summary>
    private static string Unit(string ns)
    {
        var parts = ns.Split('.').Skip(2).ToArray();
        return parts switch
        {
            [] => "",
            ["Features" or "Transports", var name, ..] => $"{parts[0]}.{name}",
            _ => parts[0],
        };
    }

    private static string ExpectedNamespace(string path)
    {
        var folder = Path.GetRelativePath(Source, Path.GetDirectoryName(path)!);
        return folder == "." ? Product : $"{Product}.{folder.Replace(Path.DirectorySeparatorChar, '.')}";
    }

    /// <summary>Each source file with its namespace (null for a file with none, such as assembly attributes) and the product namespaces it uses.</summary>
    private static IEnumerable<(string Path, string? Namespace, IReadOnlyList<string> Usings)> Files() =>
        Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p =>
            {
                var text = File.ReadAllText(p);
                var ns = NamespaceLine().Match(text) is { Success: true } m ? m.Groups[1].Value : null;
                var usings = UsingLine().Matches(text).Select(u => u.Groups[1].Value)
                    .Where(u => !u.StartsWith($"{Product}.Discord", StringComparison.Ordinal) && !u.StartsWith($"{Product}.LabelStudio", StringComparison.Ordinal))
                    .ToList();
                return (p, ns, (IReadOnlyList<string>)usings);
            });

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^using LabelStudioMl\.Bot\.Discord\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex DiscordUsingLine();

    [GeneratedRegex(@"^using (LabelStudioMl\.Bot\.[\w.]+);", RegexOptions.Multiline)]
    private static partial Regex UsingLine();
}
