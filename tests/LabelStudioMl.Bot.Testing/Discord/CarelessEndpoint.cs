using Microsoft.AspNetCore.Http;
using LabelStudioMl.Bot.Testing.LabelStudio;

namespace LabelStudioMl.Bot.Testing.Discord;

/// <summary>
/// An interactions endpoint that checks no signature: every POST gets a PONG. Discord's portal saves it (its own PING
/// gets the PONG), and Discord removes it once its probes with bad signatures are answered too
/// (docs/interactions/overview.mdx, "Validating Security Request Headers").
/// </summary>
public sealed class CarelessEndpoint : IAsyncDisposable
{
    private readonly LoopbackHost _host;

    private CarelessEndpoint(LoopbackHost host) => _host = host;

    /// <summary>The endpoint's URL.</summary>
    public Uri Url => new(_host.BaseUrl, "interactions");

    /// <summary>Starts the endpoint on a free loopback port.</summary>
    public static async Task<CarelessEndpoint> StartAsync()
    {
        var host = await LoopbackHost.StartAsync(0, async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"type\":1}");
        }, CancellationToken.None);
        return new CarelessEndpoint(host);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
