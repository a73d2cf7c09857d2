using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;
using LabelStudioMl.Bot.Tests.EndToEnd;
using LabelStudioMl.Bot.Tests.Storage;
using static LabelStudioMl.Bot.Testing.Discord.FakeInteractions;

namespace LabelStudioMl.Bot.Tests.Replicas;

/// <summary>
/// Bot processes sharing one PostgreSQL store behind FakeDiscord's signed HTTP deliveries, as Kubernetes runs them:
/// any replica serves any interaction, a press lands anywhere, a doubled delivery runs once, one replica leads, and
/// when the leader is killed (SIGKILL) another takes over and tells what was owed exactly once.
/// </summary>
public sealed class ReplicaProcessTests
{
    private const string Channel = ChannelId;

    [PostgresFact]
    public async Task Three_replicas_serve_requests_round_robin_page_across_each_other_run_a_doubled_delivery_once_refuse_bad_signatures_and_one_leads()
    {
        await using var discord = await FakeDiscord.StartAsync();
        await using var labelStudio = await FakeLabelStudio.StartAsync();
        var ml = await labelStudio.StartMlServerAsync();
        var project = labelStudio.AddProject("Cars");
        var backends = Enumerable.Range(1, 40).Select(i => labelStudio.AddBackend(project.Id, ml.Url, $"model-{i}")).ToList();
        using var store = TestStore.Create();
        await using var replicas = await Replicas.StartAsync(discord, labelStudio, store, 3);

        for (var i = 0; i < 6; i++)
        {
            var backend = backends[i];
            var delivery = await discord.DeliverInteractionAsync(replicas.Endpoint(i), SlashCommand("ml", SubCommand("get", Option("backend", backend.Id))));
            Assert.Equal(5, delivery.Response?["type"]?.GetValue<int>());
            Assert.Contains($"#{backend.Id} model-{backend.Id - backends[0].Id + 1}", Title(await discord.AnswerAsync(delivery.InteractionId)), StringComparison.Ordinal);
        }

        var list = await discord.DeliverInteractionAsync(replicas.Endpoint(0), SlashCommand("ml", SubCommand("list", Option("project", project.Id))));
        var first = (await discord.AnswerAsync(list.InteractionId)).Body;
        var press = await discord.DeliverInteractionAsync(replicas.Endpoint(1), ButtonPress(NextButton(first)));
        Assert.Equal(7, press.Response?["type"]?.GetValue<int>());
        Assert.Contains("Page 2/", Footer(press.Response!["data"]!.AsObject()), StringComparison.Ordinal);

        var doubled = SlashCommand("ml", SubCommand("get", Option("backend", backends[7].Id)));
        doubled["id"] = "1100000000000088001";
        var both = await Task.WhenAll(discord.DeliverInteractionAsync(replicas.Endpoint(1), doubled), discord.DeliverInteractionAsync(replicas.Endpoint(2), doubled));
        await discord.AnswerAsync("1100000000000088001");
        await Task.Delay(500);
        Assert.Equal([200, 409], both.Select(d => d.Status).Order());
        Assert.Single(labelStudio.Requests, r => r.Path == $"/api/ml/{backends[7].Id}");

        var guarded = backends[9];
        var refused = new List<int>();
        foreach (var (signing, i) in new[] { Signing.Forged, Signing.Stale, Signing.NoSignature }.Select((s, i) => (s, i)))
            refused.Add((await discord.DeliverInteractionAsync(replicas.Endpoint(i), SlashCommand("ml", SubCommand("get", Option("backend", guarded.Id))), signing)).Status);
        await Task.Delay(300);
        Assert.Equal([401, 401, 401], refused);
        Assert.DoesNotContain(labelStudio.Requests, r => r.Path == $"/api/ml/{guarded.Id}");

        Assert.Equal([0, 0, 1], (await replicas.LeadersAsync()).Order());
    }

    [PostgresFact]
    public async Task When_the_leader_is_killed_during_a_training_run_and_a_watch_the_result_and_the_alerts_arrive_exactly_once()
    {
        await using var discord = await FakeDiscord.StartAsync();
        await using var labelStudio = await FakeLabelStudio.StartAsync();
        var ml = await labelStudio.StartMlServerAsync();
        ml.TrainingDuration = TimeSpan.FromSeconds(4);
        var project = labelStudio.AddProject("Cars");
        var backend = labelStudio.AddBackend(project.Id, ml.Url, "yolo");
        using var store = TestStore.Create();
        await using var replicas = await Replicas.StartAsync(discord, labelStudio, store, 2);
        var leader = (await replicas.LeadersAsync()).IndexOf(1);
        var follower = 1 - leader;

        var watch = await discord.DeliverInteractionAsync(replicas.Endpoint(follower), SlashCommand("ml", SubCommand("watch", Option("backend", backend.Id))));
        Assert.Contains("Watching", Text((await discord.AnswerAsync(watch.InteractionId)).Body), StringComparison.Ordinal);
        var train = await discord.DeliverInteractionAsync(replicas.Endpoint(leader), SlashCommand("ml", SubCommand("train", Option("backend", backend.Id))));
        Assert.Contains("Training started", Text((await discord.AnswerAsync(train.InteractionId)).Body), StringComparison.Ordinal);
        await FakeDiscord.WaitUntilAsync(() => ml.Requests.Any(r => r.Path == "/webhook"), TimeSpan.FromSeconds(10), "the ML server to start training");
        await replicas.KillAsync(leader);
        var killed = TimeProvider.System.GetTimestamp();

        await FakeDiscord.WaitUntilAsync(() => Count("Training finished") > 0 && Count("New model version") > 0, TimeSpan.FromSeconds(45),
            "the training result and the new version in the channel");
        var told = TimeProvider.System.GetElapsedTime(killed);
        for (var tries = 0; (await replicas.LeadersAsync())[follower] != 1; tries++)
        {
            Assert.True(tries < 50, "The other replica did not lead within 10 s of the result");
            await Task.Delay(200);
        }
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(1, Count("Training finished"));
        Assert.Equal(1, Count("New model version"));
        Assert.Equal(1, ml.TrainingsCompleted);
        Assert.True(told < TimeSpan.FromSeconds(30), $"Told {told.TotalSeconds:0.0} s after the leader was killed");

        int Count(string text) => discord.ChannelMessages.Count(m => m.ChannelOrInteraction == Channel && Text(m.Body).Contains(text, StringComparison.Ordinal));
    }

    private static string Text(JsonNode? body) => WriteCommandKit.Text(body);

    private static string Title(RecordedMessage message) => message.Body["embeds"]![0]!["title"]!.GetValue<string>();

    private static string Footer(JsonObject message) => message["embeds"]![0]!["footer"]!["text"]!.GetValue<string>();

    private static string NextButton(JsonObject message) =>
        message["components"]![0]!["components"]!.AsArray().Single(b => b!["label"]!.GetValue<string>().StartsWith("Next", StringComparison.Ordinal))!["custom_id"]!.GetValue<string>();

    /// <summary>Bot processes in HTTP mode on one store, each on its own interactions port.</summary>
    private sealed class Replicas : IAsyncDisposable
    {
        private readonly List<BotProcess> _bots;
        private readonly List<int> _ports;

        private Replicas(List<BotProcess> bots, List<int> ports)
        {
            _bots = bots;
            _ports = ports;
        }

        public static async Task<Replicas> StartAsync(FakeDiscord discord, FakeLabelStudio labelStudio, TestStore store, int count)
        {
            var ports = Enumerable.Range(0, count).Select(_ => FreePort.Find()).ToList();
            var bots = await Task.WhenAll(ports.Select(port => BotProcess.StartReadyAsync(BotProcess.Arguments(discord, labelStudio, store, new Dictionary<string, string>
            {
                ["Discord:Interactions:Mode"] = "Http",
                ["Discord:Interactions:Url"] = $"http://127.0.0.1:{port}/interactions",
                ["Discord:PublicKey"] = discord.PublicKey,
                [$"Access:Guilds:{discord.Options.GuildId}:View:0"] = "@everyone",
                [$"Access:Guilds:{discord.Options.GuildId}:Operate:0"] = BotHarness.OperatorRole,
                ["Leader:TakeoverTimeout"] = "00:00:03",
                ["Watch:Interval"] = "00:00:00.500",
                ["Training:PollInterval"] = "00:00:00.200",
            }))));
            var replicas = new Replicas([.. bots], ports);
            // Ready is not leading: the first replica to win the lock leads once its try returned.
            var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15);
            try
            {
                while ((await replicas.LeadersAsync()).Sum() != 1)
                {
                    if (DateTimeOffset.UtcNow > deadline)
                        throw new TimeoutException($"No single replica led within 15 s: {string.Join(", ", await replicas.LeadersAsync())}");
                    await Task.Delay(100);
                }
            }
            catch
            {
                await replicas.DisposeAsync();
                throw;
            }

            return replicas;
        }

        /// <summary>The interactions endpoint of replica <paramref name="i"/> (round robin past the last).</summary>
        public Uri Endpoint(int i) => new($"http://127.0.0.1:{_ports[i % _ports.Count]}/interactions");

        /// <summary><c>bot_leader</c> of each replica (0 for one that was killed).</summary>
        public async Task<List<int>> LeadersAsync()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var leaders = new List<int>();
            foreach (var bot in _bots)
            {
                leaders.Add(bot.HasExited
                    ? 0
                    : (int)PrometheusText.Value(await http.GetStringAsync(new Uri(bot.HealthAddress!, "/metrics")), "bot_leader"));
            }

            return leaders;
        }

        public Task KillAsync(int i) => _bots[i].KillAsync();

        public async ValueTask DisposeAsync()
        {
            foreach (var bot in _bots)
                await bot.DisposeAsync();
        }
    }
}
