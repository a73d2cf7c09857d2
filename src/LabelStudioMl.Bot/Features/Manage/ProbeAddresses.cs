using System.Net;
using System.Net.Sockets;

namespace LabelStudioMl.Bot.Features.Manage;

/// <summary>
/// Which addresses the bot's own <c>/health</c> probe may connect to. Never link-local (169.254.0.0/16, fe80::/10, where
/// cloud metadata services answer with credentials), the known metadata addresses outside it, unspecified, multicast or
/// broadcast addresses. Loopback and private ranges, where ML servers often live, only while
/// <see cref="Interactions.CommandSettings.ProbePrivateAddresses"/> allows them.
/// </summary>
internal static class ProbeAddresses
{
    // Metadata services outside link-local: AWS's IPv6 one (fd00:ec2::254) and Alibaba Cloud's (100.100.100.200).
    private static readonly IPAddress[] Metadata = [IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("100.100.100.200")];

    /// <summary>Why <paramref name="address"/> may not be probed, or null when it may.</summary>
    public static string? Refusal(IPAddress address, bool allowPrivate)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (Metadata.Contains(address))
            return "a cloud metadata address";
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return V4(address.GetAddressBytes(), allowPrivate);
        if (address.Equals(IPAddress.IPv6Any) || address.IsIPv6Multicast)
            return "not an address a server answers on";
        if (address.IsIPv6LinkLocal)
            return "a link-local address, where cloud metadata services answer";
        var privateRange = address.Equals(IPAddress.IPv6Loopback) ? "a loopback address"
            : (address.GetAddressBytes()[0] & 0xFE) == 0xFC ? "a private address"
            : null;
        return privateRange is not null && !allowPrivate ? Private(privateRange) : null;
    }

    private static string? V4(byte[] b, bool allowPrivate)
    {
        if (b[0] == 169 && b[1] == 254)
            return "a link-local address, where cloud metadata services answer";
        if (b[0] == 0 || b[0] >= 224)
            return "not an address a server answers on";
        var privateRange = b[0] == 127 ? "a loopback address"
            : b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) ? "a private address"
            : b[0] == 100 && b[1] is >= 64 and <= 127 ? "a shared (carrier-grade NAT) address"
            : null;
        return privateRange is not null && !allowPrivate ? Private(privateRange) : null;
    }

    private static string Private(string range) =>
        $"{range}, and Commands:ProbePrivateAddresses is false (environment variable Commands__ProbePrivateAddresses)";
}

/// <summary>The probe refused to connect: the URL's host is, or resolves to, an address it may not fetch.</summary>
internal sealed class ProbeAddressRefusedException(string host, IPAddress address, string reason)
    : IOException($"{host} is {(host == address.ToString() ? "" : $"at {address}, ")}{reason}");
