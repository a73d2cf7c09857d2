using System.Text.RegularExpressions;
using System.Xml.Linq;
using LabelStudioMl.Bot.Testing;
using YamlDotNet.RepresentationModel;
using static LabelStudioMl.Bot.Tests.Deploy.DeployFiles;

namespace LabelStudioMl.Bot.Tests.Deploy;

/// <summary>
/// The replica variants agree with the bot: PostgreSQL from a Secret, interactions over HTTP on the port the Service,
/// the Ingress or nginx forward to, more than one replica and a rolling update that never goes below the budget.
/// </summary>
public sealed class ReplicaDeployFilesTests
{
    private const string Folder = "kubernetes-replicas";

    [Fact]
    public void The_Kubernetes_variant_rolls_three_replicas_on_PostgreSQL_from_a_Secret_with_interactions_over_HTTP()
    {
        var deployment = Yaml(Folder, "deployment.yaml").Single();
        Assert.Equal("3", Scalar(deployment, "spec", "replicas"));
        Assert.Equal("RollingUpdate", Scalar(deployment, "spec", "strategy", "type"));
        Assert.Equal("0", Scalar(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable"));
        var container = Node(deployment, "spec", "template", "spec", "containers", 0)!;
        Assert.Equal("/readyz", Scalar(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal("/healthz", Scalar(container, "livenessProbe", "httpGet", "path"));
        Assert.Null(Node(deployment, "spec", "template", "spec", "volumes", 0, "persistentVolumeClaim"));

        var env = ((YamlSequenceNode)Node(container, "env")!).Children.ToDictionary(e => Scalar(e, "name")!, e => e);
        Assert.Equal("postgres-connection-string", Scalar(env["Storage__ConnectionString"], "valueFrom", "secretKeyRef", "key"));
        var settings = (YamlMappingNode)Node(Yaml(Folder, "configmap.yaml").Single(), "data")!;
        string Setting(string key) => ((YamlScalarNode)settings.Children[new YamlScalarNode(key)]).Value!;
        Assert.Equal("Postgres", Setting("Storage__Provider"));
        Assert.Equal("Http", Setting("Discord__Interactions__Mode"));
        var ports = ((YamlSequenceNode)Node(container, "ports")!).Children.ToDictionary(p => Scalar(p, "name")!, p => Scalar(p, "containerPort")!);
        Assert.Equal($"http://0.0.0.0:{ports["http-interact"]}/interactions", Setting("Discord__Interactions__Url"));
        Assert.Matches("^[0-9a-f]{64}$", Setting("Discord__PublicKey"));

        var budget = Yaml(Folder, "pdb.yaml").Single();
        Assert.Equal("PodDisruptionBudget", Scalar(budget, "kind"));
        Assert.True(int.Parse(Scalar(budget, "spec", "minAvailable")!, System.Globalization.CultureInfo.InvariantCulture) < 3);
        var service = Yaml(Folder, "service.yaml").Single();
        Assert.Contains(((YamlSequenceNode)Node(service, "spec", "ports")!).Children, p => Scalar(p, "targetPort") == "http-interact");
        var ingress = Yaml(Folder, "ingress.yaml").Single();
        var path = Node(ingress, "spec", "rules", 0, "http", "paths", 0)!;
        Assert.Equal("/interactions", Scalar(path, "path"));
        Assert.Equal(Scalar(service, "metadata", "name"), Scalar(path, "backend", "service", "name"));
        Assert.Equal("http-interact", Scalar(path, "backend", "service", "port", "name"));
    }

    [Fact]
    public void Every_manifest_of_the_Kubernetes_variant_is_listed_and_its_Secret_comes_only_from_a_git_ignored_env_file()
    {
        var manifests = Directory.GetFiles(PathOf(Folder), "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order().ToList();
        var kinds = manifests.SelectMany(f => Yaml(Folder, f!)).Select(d => Scalar(d, "kind")).ToList();
        Assert.Equal(["ConfigMap", "Deployment", "Ingress", "PodDisruptionBudget", "Service"], kinds.Order());

        var kustomization = Yaml(Folder, "kustomization.yaml").Single();
        Assert.Equal(manifests, ((YamlSequenceNode)Node(kustomization, "resources")!).Children.Select(c => ((YamlScalarNode)c).Value).Order());
        Assert.Equal("secret.env", Scalar(kustomization, "secretGenerator", 0, "envs", 0));
        Assert.Contains($"deploy/{Folder}/secret.env", File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".gitignore")));
        var version = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")).Descendants("Version").Single().Value;
        Assert.Equal(version, Scalar(kustomization, "images", 0, "newTag"));

        // The example holds exactly the keys the Deployment reads, without values (the connection string without its password).
        var example = Text(Folder, "secret.env.example").Split('\n').Where(l => Regex.IsMatch(l, "^[a-z-]+=")).ToList();
        Assert.All(example, l => Assert.EndsWith("=", l, StringComparison.Ordinal));
        var container = Node(Yaml(Folder, "deployment.yaml").Single(), "spec", "template", "spec", "containers", 0)!;
        var read = ((YamlSequenceNode)Node(container, "env")!).Children.Select(e => Scalar(e, "valueFrom", "secretKeyRef", "key")).OfType<string>();
        Assert.Equal(read.Order(), example.Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)]).Order());
    }

    [Fact]
    public void The_compose_variant_puts_nginx_in_front_of_two_bots_on_PostgreSQL()
    {
        var compose = Yaml("docker-compose.replicas.yml").Single();
        var services = ((YamlMappingNode)Node(compose, "services")!).Children.Keys.Select(k => ((YamlScalarNode)k).Value).Order();
        Assert.Equal(["bot-1", "bot-2", "nginx", "postgres"], services);
        foreach (var bot in new[] { "bot-1", "bot-2" })
        {
            var environment = ComposeEnvironment(compose, bot);
            Assert.Equal("Postgres", environment["Storage__Provider"]);
            Assert.StartsWith("Host=postgres;", environment["Storage__ConnectionString"], StringComparison.Ordinal);
            Assert.Equal("Http", environment["Discord__Interactions__Mode"]);
            Assert.Equal("http://0.0.0.0:8080/interactions", environment["Discord__Interactions__Url"]);
            Assert.Equal("service_healthy", Scalar(compose, "services", bot, "depends_on", "postgres", "condition"));
        }

        Assert.Equal("./nginx/interactions.conf:/etc/nginx/conf.d/default.conf:ro", Scalar(compose, "services", "nginx", "volumes", 0));
        var nginx = Text("nginx", "interactions.conf");
        Assert.Contains("server bot-1:8080", nginx, StringComparison.Ordinal);
        Assert.Contains("server bot-2:8080", nginx, StringComparison.Ordinal);
        Assert.Contains("location = /interactions", nginx, StringComparison.Ordinal);
        Assert.All(ComposeVariables(Text("docker-compose.replicas.yml")), v => Assert.True(v.Value, $"${{{v.Key}}} has no default"));
    }

    [DockerComposeFact]
    public async Task Docker_compose_config_accepts_the_replica_compose_file()
    {
        var result = await DockerCompose.RunAsync("-f", PathOf("docker-compose.replicas.yml"), "config", "--quiet");
        Assert.True(result.ExitCode == 0, result.Output);
    }
}
