using System.Globalization;
using LabelStudioMl.Bot.Sandbox;
using LabelStudioMl.Bot.Testing.LabelStudio;

// Tries the bot without Discord or Label Studio:
//   dotnet run --project tests/LabelStudioMl.Bot.Sandbox                  the console against sample data (type /ml list)
//   dotnet run --project tests/LabelStudioMl.Bot.Sandbox -- fake-label-studio [--port 8089]   the stand-in alone
if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
    return await SandboxConsole.RunAsync(args, Console.In, Console.Out, Console.Error);

if (args[0] != "fake-label-studio")
{
    Console.Error.WriteLine("Usage: dotnet run --project tests/LabelStudioMl.Bot.Sandbox [-- --Section:Key=value …]");
    Console.Error.WriteLine("   or: dotnet run --project tests/LabelStudioMl.Bot.Sandbox -- fake-label-studio [--port 8089]");
    return 2;
}

var port = 0;
var portIndex = Array.IndexOf(args, "--port");
if (portIndex >= 0 && (portIndex + 1 >= args.Length || !int.TryParse(args[portIndex + 1], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535))
{
    Console.Error.WriteLine("--port needs a number between 1 and 65535.");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

await using var labelStudio = await FakeLabelStudio.StartAsync(new FakeLabelStudioOptions { Port = port });
await SampleData.SeedAsync(labelStudio);

Console.WriteLine($"FakeLabelStudio listening at {labelStudio.BaseUrl}");
Console.WriteLine($"  personal access token: {labelStudio.CreatePersonalAccessToken()}");
Console.WriteLine($"  legacy token:          {labelStudio.LegacyToken}");
Console.WriteLine($"  projects: {string.Join(", ", labelStudio.Projects.Select(p => $"#{p.Id} {p.Title}"))}");
Console.WriteLine("Try: dotnet run --project src/LabelStudioMl.Bot -- check "
    + $"--LabelStudio:Url={labelStudio.BaseUrl} --LabelStudio:ApiKey=<a token above> --Discord:Token=<your bot token>");
Console.WriteLine("Press Ctrl+C to stop.");

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopped.");
}

return 0;
