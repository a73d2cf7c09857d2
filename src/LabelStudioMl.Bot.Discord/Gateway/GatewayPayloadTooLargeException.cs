namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>A payload over the gateway's 4096-byte limit was refused before sending (Discord would close with 4002).</summary>
public sealed class GatewayPayloadTooLargeException : InvalidOperationException
{
    /// <summary>The gateway's limit for client payloads, in bytes.</summary>
    public const int MaxPayloadBytes = 4096;

    /// <summary>Creates the exception.</summary>
    public GatewayPayloadTooLargeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public GatewayPayloadTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public GatewayPayloadTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
