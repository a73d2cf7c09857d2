using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.Testing.LabelStudio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudioMl.Bot.Tests.LabelStudio;

/// <summary>The real client, registered as the bot registers it, pointed at a FakeLabelStudio.</summary>
internal sealed class LabelStudioHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private LabelStudioHarness(ServiceProvider services) => _services = services;

    public LabelStudioClient Client => _services.GetRequiredService<LabelStudioClient>();

    public static LabelStudioHarness Create(Uri url, string key, TimeProvider? time = null, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["LabelStudio:Url"] = url.ToString(),
            ["LabelStudio:ApiKey"] = key,
            ["LabelStudio:ReadTimeout"] = "00:00:20",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
            values[name] = value;

        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build())
            .AddLogging()
            .AddSingleton(time ?? TimeProvider.System)
            .AddLabelStudioClient()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new LabelStudioHarness(services);
    }

    public static LabelStudioHarness Create(FakeLabelStudio ls, string? key = null, TimeProvider? time = null, IDictionary<string, string?>? settings = null) =>
        Create(ls.BaseUrl, key ?? ls.LegacyToken, time, settings);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
