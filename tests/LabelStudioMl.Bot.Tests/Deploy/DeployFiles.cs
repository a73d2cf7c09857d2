using System.Text.RegularExpressions;
using LabelStudioMl.Bot.Testing;
using YamlDotNet.RepresentationModel;

namespace LabelStudioMl.Bot.Tests.Deploy;

/// <summary>Reads the files under <c>deploy/</c>.</summary>
internal static partial class DeployFiles
{
    public static string PathOf(params string[] parts) => Path.Combine([RepositoryPaths.Root, "deploy", .. parts]);

    public static string Text(params string[] parts) => File.ReadAllText(PathOf(parts));

    /// <summary>Every document of a YAML file, parsed (a syntax error fails the test).</summary>
    public static IReadOnlyList<YamlMappingNode> Yaml(params string[] parts)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(Text(parts)))
            stream.Load(reader);
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    /// <summary>The scalar at a path of keys (and list indexes), or null.</summary>
    public static string? Scalar(YamlNode node, params object[] path) => Node(node, path) is YamlScalarNode scalar ? scalar.Value : null;

    public static YamlNode? Node(YamlNode node, params object[] path)
    {
        YamlNode? current = node;
        foreach (var step in path)
        {
            current = (current, step) switch
            {
                (YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null,
                (YamlSequenceNode list, int index) => index < list.Children.Count ? list.Children[index] : null,
                _ => null,
            };
            if (current is null)
                return null;
        }

        return current;
    }

    /// <summary>A compose service's environment, written as a list of <c>KEY=value</c> items.</summary>
    public static IReadOnlyDictionary<string, string> ComposeEnvironment(YamlNode compose, string service) =>
        ((YamlSequenceNode)Node(compose, "services", service, "environment")!).Children.Select(c => ((YamlScalarNode)c).Value!)
            .ToDictionary(i => i[..i.IndexOf('=', StringComparison.Ordinal)], i => i[(i.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);

    /// <summary>The value of a <c>Key=value</c> line of a systemd unit (the last one wins, as in systemd).</summary>
    public static string? UnitSetting(string unit, string key) =>
        unit.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(key + "=", StringComparison.Ordinal)).Select(l => l[(key.Length + 1)..]).LastOrDefault();

    /// <summary>The variables a compose file interpolates, with whether each has a default (<c>${VAR:-…}</c>).</summary>
    public static IReadOnlyDictionary<string, bool> ComposeVariables(string compose) =>
        ComposeVariable().Matches(compose).GroupBy(m => m.Groups["name"].Value).ToDictionary(g => g.Key, g => g.All(m => m.Groups["default"].Success));

    [GeneratedRegex(@"\$\{(?<name>[A-Z0-9_]+)(?<default>:-[^}]*)?\}")]
    private static partial Regex ComposeVariable();
}
