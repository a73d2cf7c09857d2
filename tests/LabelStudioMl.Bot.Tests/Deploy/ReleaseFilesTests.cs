using System.Text.RegularExpressions;
using System.Xml.Linq;
using LabelStudioMl.Bot.Hosting;
using LabelStudioMl.Bot.Testing;

namespace LabelStudioMl.Bot.Tests.Deploy;

/// <summary>
/// What a release rests on: one version, the same in every file that names it and in the built bot; a license; a
/// changelog whose newest entry is that version; docs that a reader can follow without leaving the repository.
/// </summary>
public sealed partial class ReleaseFilesTests
{
    private static string Root => RepositoryPaths.Root;

    private static string Version =>
        XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("Version").Single().Value.Trim();

    [Fact]
    public void The_version_is_the_same_in_the_bot_the_Dockerfile_the_Kubernetes_image_tag_and_the_changelog()
    {
        var version = Version;

        Assert.Matches(@"^\d+\.\d+\.\d+$", version);
        Assert.Equal($"LabelStudioMl.Bot {version}", LabelStudioMl.Bot.BotVersion.Text);
        Assert.Equal(version, DockerfileVersion().Match(DeployFiles.Text("Dockerfile")).Groups["v"].Value);
        Assert.Equal(version, DeployFiles.Scalar(DeployFiles.Yaml("kubernetes", "kustomization.yaml")[0], "images", 0, "newTag"));
        Assert.Equal(version, ChangelogEntry().Match(File.ReadAllText(Path.Combine(Root, "CHANGELOG.md"))).Groups["v"].Value);
    }

    [Fact]
    public void The_image_labels_itself_with_the_version_and_builds_the_bot_with_it()
    {
        var dockerfile = DeployFiles.Text("Dockerfile");

        Assert.Contains("org.opencontainers.image.version=\"$VERSION\"", dockerfile, StringComparison.Ordinal);
        Assert.Contains("-p:Version=\"$VERSION\"", dockerfile, StringComparison.Ordinal);
        Assert.Contains("org.opencontainers.image.licenses=\"MIT\"", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void The_repository_has_a_license_the_image_and_readme_name()
    {
        var license = File.ReadAllText(Path.Combine(Root, "LICENSE"));

        Assert.StartsWith("MIT License", license, StringComparison.Ordinal);
        Assert.Contains("[LICENSE](LICENSE)", File.ReadAllText(Path.Combine(Root, "README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_product_and_its_version_and_exits_0()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await BotProgram.RunAsync(["--version"], TextReader.Null, output, error);

        Assert.Equal(BotProgram.ExitOk, exit);
        Assert.Equal($"LabelStudioMl.Bot {Version}", output.ToString().Trim());
        Assert.Empty(error.ToString());
    }

    [Fact]
    public async Task Every_request_to_Label_Studio_and_Discord_names_the_bots_version()
    {
        await using var bot = await LabelStudioMl.Bot.Tests.EndToEnd.BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");
        var backend = bot.LabelStudio.AddBackend(project.Id, new Uri("http://ml:9090"), "yolo");

        await bot.FinalAnswerAsync(await bot.SlashAsync("get", LabelStudioMl.Bot.Testing.Discord.FakeInteractions.Option("backend", backend.Id)));

        Assert.NotEmpty(bot.LabelStudio.Requests);
        Assert.All(bot.LabelStudio.Requests, r => Assert.Equal($"LabelStudioMl.Bot/{Version}", r.Headers.GetValueOrDefault("User-Agent")));
        Assert.All(bot.Discord.Requests, r => Assert.EndsWith($", {Version})", r.Header("User-Agent"), StringComparison.Ordinal));
    }

    [Fact]
    public void The_docs_link_only_to_files_inside_the_repository_and_every_link_resolves()
    {
        var problems = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Append(Path.Combine(Root, "README.md")).Append(Path.Combine(Root, "CHANGELOG.md")))
        {
            var inDocs = Path.GetDirectoryName(file)!.EndsWith("docs", StringComparison.Ordinal);
            foreach (Match link in MarkdownLink().Matches(File.ReadAllText(file)))
            {
                var target = link.Groups["target"].Value;
                if (target.StartsWith('#'))
                    continue;
                if (target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal))
                {
                    if (inDocs)
                        problems.Add($"{Path.GetFileName(file)} links outside the repository: {target}");
                    continue;
                }

                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, target.Split('#')[0]));
                if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    problems.Add($"{Path.GetFileName(file)} links outside the repository: {target}");
                else if (!File.Exists(path) && !Directory.Exists(path))
                    problems.Add($"{Path.GetFileName(file)} links to a file that is not there: {target}");
            }
        }

        Assert.Empty(problems);
        Assert.True(File.Exists(Path.Combine(Root, "docs", "architecture.md")));
    }

    [GeneratedRegex(@"^ARG VERSION=(?<v>\S+)$", RegexOptions.Multiline)]
    private static partial Regex DockerfileVersion();

    [GeneratedRegex(@"^## \[(?<v>[^\]]+)\]", RegexOptions.Multiline)]
    private static partial Regex ChangelogEntry();

    // [text](target) outside code; images too.
    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
