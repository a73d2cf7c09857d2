using System.Text;
using LabelStudioMl.Bot.Testing.LabelStudio;

namespace LabelStudioMl.Bot.Testing;

/// <summary>Some web server that is not Label Studio: every path answers 200 with an HTML page (a wrong LabelStudio:Url).</summary>
public sealed class StaticPageServer : IAsyncDisposable
{
    private readonly LoopbackHost _host;

    private StaticPageServer(LoopbackHost host) => _host = host;

    /// <summary>The server's address.</summary>
    public Uri Url => _host.BaseUrl;

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<StaticPageServer> StartAsync()
    {
        var page = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><head><title>Welcome</title></head><body><h1>It works!</h1></body></html>");
        var host = await LoopbackHost.StartAsync(0, async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.Body.WriteAsync(page);
        }, CancellationToken.None);
        return new StaticPageServer(host);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
