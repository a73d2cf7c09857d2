using System.Net;
using System.Net.Sockets;
using LabelStudioMl.Bot.Hosting;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;
using LabelStudioMl.Bot.Tests.Storage;

namespace LabelStudioMl.Bot.Tests.Health;

/// <summary>What stops the running bot at start with one clear line: a second bot on the same store, a port in use.</summary>
public sealed class StartupConflictTests
{
    [Fact]
    public async Task A_second_bot_on_the_same_store_exits_non_zero_naming_the_store_while_the_first_keeps_running()
    {
        await using var discord = await FakeDiscord.StartAsync();
        await using var labelStudio = await FakeLabelStudio.StartAsync();
        using var database = TemporaryDatabase.Sqlite();
        var settings = new Dictionary<string, string>
        {
            ["LabelStudio__Url"] = labelStudio.BaseUrl.ToString(),
            ["LabelStudio__ApiKey"] = labelStudio.LegacyToken,
            ["Discord__Token"] = discord.BotToken,
            ["Discord__ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
            ["Storage__Provider"] = database.Store.Provider,
            ["Storage__ConnectionString"] = database.ConnectionString,
        };

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var first = BotProgram.RunAsync([.. settings.Select(s => $"--{s.Key.Replace("__", ":", StringComparison.Ordinal)}={s.Value}"), "--Health:Port=0", "--Serilog:MinimumLevel:Default=Warning"],
            TextWriter.Null, TextWriter.Null, stop.Token);
        await FakeDiscord.WaitUntilAsync(() => discord.IdentifyCount > 0, TimeSpan.FromSeconds(20), "the first bot to connect");

        var second = await BotProcess.RunAsync([], settings, TimeSpan.FromSeconds(45));

        Assert.Equal(BotProgram.ExitFailed, second.ExitCode);
        Assert.Contains($"Another LabelStudioMl.Bot is already running on the store {database.Health.Store}", second.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", second.Error + second.Output, StringComparison.Ordinal);
        Assert.Equal(1, discord.IdentifyCount);
        Assert.False(first.IsCompleted);

        await stop.CancelAsync();
        Assert.Equal(BotProgram.ExitOk, await first);
        using (database.Health.HoldLock())
        {
            // Free again once the first bot stopped.
        }
    }

    [Theory]
    [InlineData("symbolic")]
    [InlineData("hard")]
    public void A_link_to_a_locked_store_is_the_same_store(string link)
    {
        using var database = TemporaryDatabase.Sqlite();
        File.WriteAllBytes(database.Path, []);
        var other = Path.Combine(Path.GetTempPath(), $"lsbot-link-{Guid.NewGuid():N}.db");
        try
        {
            if (link == "symbolic")
            {
                File.CreateSymbolicLink(other, database.Path);
            }
            else
            {
                using var ln = System.Diagnostics.Process.Start("ln", [database.Path, other]);
                ln.WaitForExit();
                Assert.Equal(0, ln.ExitCode);
            }

            using var first = StoreLock.Acquire(database.ConnectionString);
            var error = Assert.Throws<BotStartException>(() => StoreLock.Acquire($"Data Source={other}"));

            Assert.Contains($"Another LabelStudioMl.Bot is already running on the store {other}", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(other);
        }
    }

    [Fact]
    public void An_in_memory_store_takes_no_lock()
    {
        Assert.Null(StoreLock.StorePath("Data Source=:memory:"));
        Assert.Null(StoreLock.StorePath("Data Source=shared;Mode=Memory;Cache=Shared"));
        using var first = StoreLock.Acquire("Data Source=:memory:");
        using var second = StoreLock.Acquire("Data Source=:memory:");
    }

    [Fact]
    public async Task A_health_port_in_use_stops_the_bot_with_exit_1_naming_the_setting_without_a_stack_trace()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var database = TemporaryDatabase.Sqlite();
        var error = new StringWriter();

        var exit = await BotProgram.RunAsync(
            ["--LabelStudio:Url=http://127.0.0.1:9", "--LabelStudio:ApiKey=0123456789abcdef", $"--Discord:Token={new FakeDiscordOptions().BotToken}",
             $"--Storage:ConnectionString={database.ConnectionString}", $"--Health:Port={port}"],
            TextWriter.Null, error);

        Assert.Equal(BotProgram.ExitFailed, exit);
        Assert.Contains($"could not listen on 127.0.0.1:{port}", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Health:Port (environment variable Health__Port)", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_health_address_that_is_not_an_IP_is_a_configuration_error()
    {
        var result = await BotProcess.RunAsync([], new Dictionary<string, string>
        {
            ["LabelStudio__Url"] = "http://127.0.0.1:9",
            ["LabelStudio__ApiKey"] = "0123456789abcdef",
            ["Discord__Token"] = new FakeDiscordOptions().BotToken,
            ["Health__Address"] = "every-interface",
        });

        Assert.Equal(BotProgram.ExitConfiguration, result.ExitCode);
        Assert.Contains("Health:Address 'every-interface' is not an IP address", result.Error + result.Output, StringComparison.Ordinal);
    }
}
