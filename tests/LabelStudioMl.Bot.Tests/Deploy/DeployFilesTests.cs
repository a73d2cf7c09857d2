using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LabelStudioMl.Bot.Testing;
using YamlDotNet.RepresentationModel;
using static LabelStudioMl.Bot.Tests.Deploy.DeployFiles;

namespace LabelStudioMl.Bot.Tests.Deploy;

/// <summary>The deploy files agree with the bot and with each other: one replica, probes on the health endpoints, one binary path.</summary>
public sealed class DeployFilesTests
{
    [Fact]
    public void The_Kubernetes_deployment_runs_one_replica_with_Recreate_and_probes_healthz_and_readyz()
    {
        var deployment = Yaml("kubernetes", "deployment.yaml").Single();
        Assert.Equal("Deployment", Scalar(deployment, "kind"));
        Assert.Equal("1", Scalar(deployment, "spec", "replicas"));
        Assert.Equal("Recreate", Scalar(deployment, "spec", "strategy", "type"));

        var container = Node(deployment, "spec", "template", "spec", "containers", 0)!;
        Assert.Equal("/healthz", Scalar(container, "livenessProbe", "httpGet", "path"));
        Assert.Equal("/readyz", Scalar(container, "readinessProbe", "httpGet", "path"));
        var portName = Scalar(container, "ports", 0, "name");
        Assert.Equal(portName, Scalar(container, "livenessProbe", "httpGet", "port"));
        Assert.Equal(portName, Scalar(container, "readinessProbe", "httpGet", "port"));

        var env = ((YamlSequenceNode)Node(container, "env")!).Children.ToDictionary(e => Scalar(e, "name")!, e => e);
        Assert.Equal(Scalar(container, "ports", 0, "containerPort"), Scalar(env["Health__Port"], "value"));
        Assert.Equal("0.0.0.0", Scalar(env["Health__Address"], "value"));
        Assert.StartsWith("Data Source=/data/", Scalar(env["Storage__ConnectionString"], "value"), StringComparison.Ordinal);
        foreach (var secret in new[] { "Discord__Token", "LabelStudio__ApiKey" })
        {
            Assert.Null(Scalar(env[secret], "value"));
            Assert.Equal("labelstudio-ml-bot", Scalar(env[secret], "valueFrom", "secretKeyRef", "name"));
        }

        Assert.Equal("/data", Scalar(container, "volumeMounts", 0, "mountPath"));
        Assert.Equal("labelstudio-ml-bot-data", Scalar(deployment, "spec", "template", "spec", "volumes", 0, "persistentVolumeClaim", "claimName"));
    }

    [Fact]
    public void Every_Kubernetes_manifest_parses_and_the_Secret_comes_only_from_a_git_ignored_env_file()
    {
        var folder = PathOf("kubernetes");
        var manifests = Directory.GetFiles(folder, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order().ToList();
        var kinds = manifests.SelectMany(f => Yaml("kubernetes", f!)).Select(d => Scalar(d, "kind")).ToList();
        // No Secret manifest: `kubectl apply -k` would overwrite a Secret created with real values by its empty one.
        Assert.Equal(["ConfigMap", "Deployment", "PersistentVolumeClaim", "Service"], kinds.Order());

        var kustomization = Yaml("kubernetes", "kustomization.yaml").Single();
        var listed = ((YamlSequenceNode)Node(kustomization, "resources")!).Children.Select(c => ((YamlScalarNode)c).Value);
        Assert.Equal(manifests, listed.Order());
        Assert.Equal("labelstudio-ml-bot", Scalar(kustomization, "secretGenerator", 0, "name"));
        Assert.Equal("secret.env", Scalar(kustomization, "secretGenerator", 0, "envs", 0));
        Assert.Contains("deploy/kubernetes/secret.env", File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".gitignore")));

        // The example holds exactly the keys the Deployment reads, all empty.
        var example = Text("kubernetes", "secret.env.example").Split('\n').Where(l => Regex.IsMatch(l, "^[a-z-]+=")).ToList();
        Assert.All(example, l => Assert.EndsWith("=", l, StringComparison.Ordinal));
        var container = Node(Yaml("kubernetes", "deployment.yaml").Single(), "spec", "template", "spec", "containers", 0)!;
        var read = ((YamlSequenceNode)Node(container, "env")!).Children.Select(e => Scalar(e, "valueFrom", "secretKeyRef", "key")).OfType<string>();
        Assert.Equal(read.Order(), example.Select(l => l.TrimEnd('=')).Order());
    }

    [Fact]
    public void The_Kubernetes_image_is_the_one_the_operator_builds_tagged_with_the_bots_version()
    {
        var kustomization = Yaml("kubernetes", "kustomization.yaml").Single();
        var container = Node(Yaml("kubernetes", "deployment.yaml").Single(), "spec", "template", "spec", "containers", 0)!;
        var version = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")).Descendants("Version").Single().Value;

        Assert.Equal(Scalar(container, "image"), Scalar(kustomization, "images", 0, "name"));
        Assert.Equal(version, Scalar(kustomization, "images", 0, "newTag"));
        Assert.Contains($"docker build -f deploy/Dockerfile --build-arg VERSION={version} -t labelstudio-ml-bot:{version} .", Text("Dockerfile"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_systemd_unit_starts_the_binary_the_Dockerfile_builds_as_a_notify_service_with_hardening()
    {
        var dockerfile = Text("Dockerfile");
        var entrypoint = JsonSerializer.Deserialize<string[]>(Regex.Match(dockerfile, @"^ENTRYPOINT (\[.*\])$", RegexOptions.Multiline).Groups[1].Value)!;
        var publishedTo = Regex.Match(dockerfile, @"dotnet publish src/LabelStudioMl\.Bot .* -o (\S+)").Groups[1].Value;
        var assemblyName = XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", "LabelStudioMl.Bot", "LabelStudioMl.Bot.csproj")).Descendants("AssemblyName").Single().Value;
        Assert.Equal($"{publishedTo}/{assemblyName}", Assert.Single(entrypoint));

        var unit = Text("systemd", "labelstudio-ml-bot.service");
        Assert.Equal(entrypoint[0], UnitSetting(unit, "ExecStart"));
        Assert.Contains($"dotnet publish src/LabelStudioMl.Bot -c Release -r linux-x64 -o {publishedTo}", unit, StringComparison.Ordinal);
        Assert.Equal("notify", UnitSetting(unit, "Type"));
        Assert.Equal("on-failure", UnitSetting(unit, "Restart"));
        Assert.Equal("2", UnitSetting(unit, "RestartPreventExitStatus"));
        Assert.Equal("yes", UnitSetting(unit, "NoNewPrivileges"));
        Assert.Equal("strict", UnitSetting(unit, "ProtectSystem"));
        Assert.Equal("yes", UnitSetting(unit, "MemoryDenyWriteExecute"));
        Assert.Equal("labelstudio-ml-bot", UnitSetting(unit, "StateDirectory"));
        Assert.Contains("Environment=\"Storage__ConnectionString=Data Source=/var/lib/labelstudio-ml-bot/", unit, StringComparison.Ordinal);
        var environmentFile = UnitSetting(unit, "EnvironmentFile");
        // The folder does not exist on a fresh machine: the documented install must create it.
        Assert.Contains($"install -D -m 0600 deploy/systemd/bot.env.example {environmentFile}", unit, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Dockerfile_runs_as_a_non_root_user_with_the_store_on_a_volume_and_a_health_check()
    {
        var dockerfile = Text("Dockerfile");
        // A Native AOT binary: built with the SDK and a C toolchain, run on the runtime's dependencies alone.
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0-alpine AS build$", dockerfile);
        Assert.Matches(@"(?m)^RUN apk add --no-cache clang build-base zlib-dev$", dockerfile);
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/runtime-deps:10\.0\S* AS runtime$", dockerfile);
        var user = Regex.Match(dockerfile, @"(?m)^USER (\S+)$").Groups[1].Value;
        Assert.False(user is "" or "root" or "0", $"USER is '{user}'");
        Assert.Matches(@"(?m)^VOLUME /data$", dockerfile);
        Assert.Contains("Storage__ConnectionString=\"Data Source=/data/labelstudio-ml-bot.db\"", dockerfile, StringComparison.Ordinal);
        Assert.Contains("Health__Address=0.0.0.0", dockerfile, StringComparison.Ordinal);
        var port = Regex.Match(dockerfile, @"Health__Port=(\d+)").Groups[1].Value;
        Assert.Matches($@"(?m)^EXPOSE {port}$", dockerfile);
        // The check reads the port the container runs with, so setting Health__Port moves the check along.
        Assert.Contains($"CMD wget -q -O /dev/null \"http://127.0.0.1:${{Health__Port:-{port}}}/healthz\"", dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^HEALTHCHECK ", dockerfile);
    }

    [Fact]
    public void The_compose_file_runs_the_bot_beside_Label_Studio_and_an_ML_backend_with_every_variable_defaulted_and_documented()
    {
        var compose = Yaml("docker-compose.yml").Single();
        Assert.StartsWith("${LABEL_STUDIO_IMAGE:-heartexlabs/label-studio:", Scalar(compose, "services", "label-studio", "image"), StringComparison.Ordinal);
        Assert.Contains("heartexlabs/label-studio-ml-backend:", Scalar(compose, "services", "ml-backend", "image"), StringComparison.Ordinal);
        Assert.Equal("..", Scalar(compose, "services", "bot", "build", "context"));
        Assert.Equal("deploy/Dockerfile", Scalar(compose, "services", "bot", "build", "dockerfile"));
        Assert.Equal("bot-data:/data", Scalar(compose, "services", "bot", "volumes", 0));
        var environment = ComposeEnvironment(compose, "bot");
        Assert.Equal("http://label-studio:8080", environment["LabelStudio__Url"]);
        foreach (var level in new[] { "View", "Operate", "Admin" })
            Assert.StartsWith($"${{ACCESS_{level.ToUpperInvariant()}_ROLE:-", environment[$"Access__Guilds__${{DISCORD_GUILD_ID:-}}__{level}__0"], StringComparison.Ordinal);
        Assert.StartsWith("127.0.0.1:", Scalar(compose, "services", "bot", "ports", 0), StringComparison.Ordinal);
        Assert.Equal(["bot-data", "label-studio-data", "ml-backend-data"], ((YamlMappingNode)Node(compose, "volumes")!).Children.Keys.Select(k => ((YamlScalarNode)k).Value).Order());

        // A fresh clone has no deploy/.env: every variable needs a default, and .env.example documents exactly these.
        var variables = ComposeVariables(Text("docker-compose.yml"));
        Assert.All(variables, v => Assert.True(v.Value, $"${{{v.Key}}} has no default"));
        var documented = Text(".env.example").Split('\n').Where(l => Regex.IsMatch(l, "^[A-Z_]+=")).Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)]);
        Assert.Equal(variables.Keys.Order(), documented.Order());
    }

    [Fact]
    public void Compose_starts_the_bot_only_after_its_check_found_no_configuration_error()
    {
        var compose = Yaml("docker-compose.yml").Single();
        var entrypoint = ((YamlSequenceNode)Node(compose, "services", "bot-config", "entrypoint")!).Children.Select(c => ((YamlScalarNode)c).Value).ToList();

        // The check's exit 2 (configuration) fails the one-shot service; its exit 1 (a service unreachable) does not.
        Assert.Equal(["/bin/sh", "-c", "/opt/labelstudio-ml-bot/LabelStudioMl.Bot check; test $$? -ne 2"], entrypoint);
        Assert.Equal("no", Scalar(compose, "services", "bot-config", "restart"));
        Assert.Equal("service_completed_successfully", Scalar(compose, "services", "bot", "depends_on", "bot-config", "condition"));
        Assert.Equal(ComposeEnvironment(compose, "bot"), ComposeEnvironment(compose, "bot-config"));
        Assert.Equal(Scalar(compose, "services", "bot", "image"), Scalar(compose, "services", "bot-config", "image"));
    }

    [DockerComposeFact]
    public async Task Docker_compose_config_accepts_the_compose_file()
    {
        var result = await DockerCompose.RunAsync("-f", PathOf("docker-compose.yml"), "config", "--quiet");

        Assert.True(result.ExitCode == 0, $"docker compose config failed: {result.Error}");
    }
}
