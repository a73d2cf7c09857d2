using System.Net;
using LabelStudioMl.Bot.Health;
using LabelStudioMl.Bot.Tests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudioMl.Bot.Tests.Health;

/// <summary>Reads a running bot's <c>/readyz</c> and <c>/metrics</c> over HTTP, as a probe or Prometheus would, polling until they move.</summary>
internal static class HealthProbe
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>A client of the bot's health server.</summary>
    public static HttpClient Client(BotHarness bot) =>
        new() { BaseAddress = bot.Host.Services.GetRequiredService<HealthServer>().Address ?? throw new InvalidOperationException("The health server is not listening.") };

    /// <summary>Polls <c>/readyz</c> until it answers <paramref name="status"/>; returns its text.</summary>
    public static async Task<string> ReadyzAsync(HttpClient http, HttpStatusCode status)
    {
        var (_, text) = await PollAsync(
            async () =>
            {
                using var response = await http.GetAsync("/readyz");
                return (response.StatusCode, (await response.Content.ReadAsStringAsync()).Trim());
            },
            answer => answer.StatusCode == status,
            $"/readyz to answer {(int)status}");
        return text;
    }

    /// <summary>Polls <c>/metrics</c> until <paramref name="condition"/> holds; returns the text.</summary>
    public static Task<string> MetricsAsync(HttpClient http, Func<string, bool> condition) =>
        PollAsync(() => http.GetStringAsync("/metrics"), condition, "the metrics to move");

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {Patience} for {what}; last seen: {value}");
            await Task.Delay(50);
        }
    }
}
