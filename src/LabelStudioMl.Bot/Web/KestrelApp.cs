using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudioMl.Bot.Web;

/// <summary>
/// The bot's own small web servers (health and metrics, the interactions endpoint): ASP.NET Core with Kestrel alone
/// and routing, none of the default middleware, on one address.
/// </summary>
internal static class KestrelApp
{
    /// <summary>An app listening on <paramref name="address"/> (localhost when null) and <paramref name="port"/> (0: a free one).</summary>
    public static WebApplication Create(IPAddress? address, int port, long? maxRequestBody = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            if (maxRequestBody is { } max)
                kestrel.Limits.MaxRequestBodySize = max;
            if (address is not null)
                kestrel.Listen(address, port);
            else
                kestrel.ListenLocalhost(port);
        });
        builder.Services.AddRoutingCore();
        return builder.Build();
    }

    /// <summary>
    /// Starts <paramref name="app"/> and returns the address it listens on (the real port when it asked for 0); when it
    /// cannot listen (the port is taken, the address is not this machine's), disposes it and throws
    /// <see cref="BotStartException"/> with <paramref name="problem"/>'s words, which name the setting to change.
    /// </summary>
    public static async Task<Uri> StartAsync(WebApplication app, Func<IOException, string> problem, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new BotStartException(problem(e), e);
        }

        return new Uri(app.Urls.First());
    }
}
