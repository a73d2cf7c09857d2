using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Health;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;
using Microsoft.Extensions.DependencyInjection;
using static LabelStudioMl.Bot.Testing.Discord.FakeInteractions;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>
/// <c>POST /training/report</c>: the ML server's <c>fit()</c> tells the bot for sure how training ended, as the two
/// lines of Python in README.md do, over HTTP to the running bot.
/// </summary>
[Collection(CapturedLogsGroup.Name)]
public sealed class TrainingReportTests
{
    private const string Secret = "report-secret-7f3a9c";

    [Fact]
    public async Task A_report_from_fit_finishes_the_run_once_with_its_version_and_metrics_even_when_the_version_is_fixed()
    {
        await using var bot = await StartAsync();
        var (backend, ml) = await AddBackendAsync(bot);
        ml.NextModelVersion = version => version;
        HttpStatusCode? answered = null;
        ml.FitEnds = async (project, version) => answered = await ReportAsync(bot, Secret, new JsonObject
        {
            ["project"] = project,
            ["status"] = "finished",
            ["model_version"] = version,
            ["metrics"] = new JsonObject { ["accuracy"] = 0.93, ["epochs"] = 12 },
        });

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var answer = await bot.FinalAnswerAsync(id, followUp: true);
        var result = WriteCommandKit.Text(answer.Body);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Accepted, answered);
        var title = answer.Body["embeds"]?[0]?["title"]?.GetValue<string>() ?? "";
        Assert.Contains("Training finished", title, StringComparison.Ordinal);
        Assert.DoesNotContain("unchanged", title, StringComparison.Ordinal);
        Assert.Contains("reported by the ML server", result, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("accuracy", result, StringComparison.Ordinal);
        Assert.Contains("0.93", result, StringComparison.Ordinal);
        Assert.Contains("0.0.1", result, StringComparison.Ordinal);
        Assert.Single(bot.Discord.FollowUps, m => m.ChannelOrInteraction == id);
        Assert.DoesNotContain(bot.Discord.ChannelMessages, m => WriteCommandKit.Text(m.Body).Contains("Training", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failure_reported_by_fit_says_training_failed_with_its_error_though_Label_Studio_shows_the_backend_connected()
    {
        await using var bot = await StartAsync();
        var (backend, ml) = await AddBackendAsync(bot);
        ml.TrainingFails = true;
        ml.FitEnds = async (project, _) => await ReportAsync(bot, Secret, new JsonObject
        {
            ["project"] = project,
            ["status"] = "failed",
            ["error"] = "CUDA out of memory",
        });

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var result = WriteCommandKit.Text((await bot.FinalAnswerAsync(id, followUp: true)).Body);

        Assert.Contains("Training failed", result, StringComparison.Ordinal);
        Assert.Contains("CUDA out of memory", result, StringComparison.Ordinal);
        Assert.DoesNotContain("unchanged", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_after_Label_Studio_stopped_waiting_is_the_result_and_the_model_version_is_not_told_again()
    {
        await using var bot = await StartAsync(new Dictionary<string, string>
        {
            ["Training:LabelStudioWaitLimit"] = "00:00:01",
            ["Training:PollInterval"] = "00:00:00.200",
        });
        bot.LabelStudio.Options.PredictTimeout = TimeSpan.FromSeconds(1);
        var (backend, ml) = await AddBackendAsync(bot);
        ml.TrainingDuration = TimeSpan.FromSeconds(2);
        ml.FitEnds = async (project, version) => await ReportAsync(bot, Secret, new JsonObject
        {
            ["project"] = project, ["status"] = "finished", ["model_version"] = version, ["metrics"] = new JsonObject { ["map50"] = 0.71 },
        });

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var started = await bot.FinalAnswerAsync(id);
        await FakeDiscord.WaitUntilAsync(() => ml.TrainingsCompleted == 1, TimeSpan.FromSeconds(10), "the ML server to finish training");
        await FakeDiscord.WaitUntilAsync(
            () => bot.Discord.ChannelMessages.Any(m => WriteCommandKit.Text(m.Body).Contains("Training finished", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "the reported result in the channel");
        await Task.Delay(TimeSpan.FromSeconds(1));

        var result = Assert.Single(bot.Discord.ChannelMessages, m => WriteCommandKit.Text(m.Body).Contains("Training", StringComparison.Ordinal));
        var text = WriteCommandKit.Text(result.Body);
        Assert.Contains("**0.0.1** → **0.0.2**", text, StringComparison.Ordinal);
        Assert.Contains("map50", text, StringComparison.Ordinal);
        Assert.Equal(started.Id, result.Body["message_reference"]?["message_id"]?.GetValue<string>());
    }

    [Fact]
    public async Task Reports_without_the_right_secret_are_refused_change_nothing_and_the_secret_is_never_logged()
    {
        await using var bot = await StartAsync(BotHarness.InformationLogging());
        var (backend, ml) = await AddBackendAsync(bot);
        var answers = new List<HttpStatusCode>();
        ml.FitEnds = async (project, _) =>
        {
            var report = new JsonObject { ["project"] = project, ["status"] = "failed", ["error"] = "forged" };
            answers.Add(await ReportAsync(bot, "wrong-secret", report));
            answers.Add(await ReportAsync(bot, null, report));
            answers.Add(await ReportAsync(bot, Secret + "x", report));
        };

        var id = await bot.SlashAsync("train", Option("backend", backend.Id));
        var result = WriteCommandKit.Text((await bot.FinalAnswerAsync(id, followUp: true)).Body);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], answers);
        Assert.Contains("**0.0.1** → **0.0.2**", result, StringComparison.Ordinal);
        Assert.DoesNotContain("forged", result, StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Logs.Messages, l => l.Contains(Secret, StringComparison.Ordinal) || l.Contains("wrong-secret", StringComparison.Ordinal));
        Assert.Contains(bot.Logs.Messages, l => l.Contains("refused", StringComparison.Ordinal) && l.Contains("Training:ReportSecret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{not json", "JSON")]
    [InlineData("""{"status":"finished"}""", "project")]
    [InlineData("""{"project":"one","status":"finished"}""", "project")]
    [InlineData("""{"project":1,"status":"done"}""", "finished or failed")]
    [InlineData("""{"project":1,"status":"finished","metrics":[1,2]}""", "metrics")]
    [InlineData("""{"project":1,"status":"finished","model_version":7}""", "model_version")]
    public async Task A_malformed_report_gets_a_400_naming_the_problem(string body, string named)
    {
        await using var bot = await StartAsync();

        using var response = await PostAsync(bot, Secret, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_for_a_project_with_no_run_in_flight_gets_a_404_that_says_so()
    {
        await using var bot = await StartAsync();
        var (backend, _) = await AddBackendAsync(bot);

        using var response = await PostAsync(bot, Secret, JsonContent.Create(new JsonObject { ["project"] = backend.ProjectId, ["status"] = "finished" }));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains($"no training run in flight for project {backend.ProjectId}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_secret_reports_are_off_and_the_answer_names_the_setting()
    {
        await using var bot = await BotHarness.StartAsync();

        using var response = await PostAsync(bot, Secret, JsonContent.Create(new JsonObject { ["project"] = 1, ["status"] = "finished" }));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Training:ReportSecret", text, StringComparison.Ordinal);
    }

    private static Task<BotHarness> StartAsync(IDictionary<string, string>? settings = null)
    {
        var values = new Dictionary<string, string>(settings ?? new Dictionary<string, string>(), StringComparer.Ordinal) { ["Training:ReportSecret"] = Secret };
        return BotHarness.StartAsync(values);
    }

    private static async Task<HttpStatusCode> ReportAsync(BotHarness bot, string? secret, JsonObject report)
    {
        using var response = await PostAsync(bot, secret, JsonContent.Create(report));
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> PostAsync(BotHarness bot, string? secret, HttpContent content)
    {
        using var http = new HttpClient { BaseAddress = bot.Host.Services.GetRequiredService<HealthServer>().Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/training/report") { Content = content };
        if (secret is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return await http.SendAsync(request);
    }

    private static async Task<(FakeBackend Backend, FakeMlServer Ml)> AddBackendAsync(BotHarness bot)
    {
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        return (bot.LabelStudio.AddBackend(project.Id, ml.Url, "yolo"), ml);
    }
}
