using System.Net;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>Where the HTTP interactions transport listens: an address, a port and the path Discord posts to.</summary>
internal sealed record ListenAddress(IPAddress? Address, int Port, string Path)
{
    /// <summary>Reads <c>http://{ip or localhost}:{port}/{path}</c>; returns the problem (to follow the key's name) when it cannot.</summary>
    public static string? TryParse(string? url, out ListenAddress listen)
    {
        listen = new ListenAddress(null, 0, "/");
        if (string.IsNullOrWhiteSpace(url))
            return "is missing: give where the bot listens, e.g. http://0.0.0.0:8080/interactions";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            return $"'{url}' is not an http:// URL such as http://0.0.0.0:8080/interactions (end TLS in front of the bot: "
                + "the load balancer or ingress forwards Discord's https requests to it)";
        }

        if (!uri.IsLoopback && !IPAddress.TryParse(uri.Host, out _))
            return $"'{url}' must name an IP address to listen on (0.0.0.0 for every interface) or localhost, not a host name";
        if (uri.IsDefaultPort && !url.Contains($":{uri.Port}", StringComparison.Ordinal))
            return $"'{url}' must give the port, e.g. http://0.0.0.0:8080{uri.AbsolutePath}";

        listen = new ListenAddress(IPAddress.TryParse(uri.Host, out var ip) ? ip : null, uri.Port, uri.AbsolutePath);
        return null;
    }
}
