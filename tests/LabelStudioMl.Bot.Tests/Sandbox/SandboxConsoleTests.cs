using LabelStudioMl.Bot.Hosting;
using LabelStudioMl.Bot.Sandbox;

namespace LabelStudioMl.Bot.Tests.Sandbox;

/// <summary>The newcomer's sandbox: the console against sample data, with nothing to set up.</summary>
public sealed class SandboxConsoleTests
{
    [Fact]
    public async Task Ml_list_in_the_sandbox_answers_with_the_sample_backends_of_both_projects()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await SandboxConsole.RunAsync([], new StringReader("/ml list\n"), output, error);

        Assert.True(exit == BotProgram.ExitOk, error.ToString());
        var text = output.ToString();
        Assert.Contains("4 backends", text, StringComparison.Ordinal);
        Assert.Contains("🟢 #1 yolo-v8 · Cars · yolo-v8.0.1", text, StringComparison.Ordinal);
        Assert.Contains("🔴 #2 segmenter · Cars", text, StringComparison.Ordinal);
        Assert.Contains("⚪ #3 retired · Cars", text, StringComparison.Ordinal);
        Assert.Contains("🟢 #4 classifier · Bikes", text, StringComparison.Ordinal);
        Assert.Contains("Sandbox: a stand-in Label Studio at http://127.0.0.1:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_given_to_the_sandbox_reach_the_bot()
    {
        var output = new StringWriter();

        var exit = await SandboxConsole.RunAsync(["--Access:Console:Level=View"], new StringReader("get backend:1\ntrain backend:1\n"), output, TextWriter.Null);

        Assert.Equal(BotProgram.ExitFailed, exit);
        Assert.Contains("#1 yolo-v8", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("[denied]", output.ToString(), StringComparison.Ordinal);
    }
}
