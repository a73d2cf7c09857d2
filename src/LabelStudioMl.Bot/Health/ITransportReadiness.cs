namespace LabelStudioMl.Bot.Health;

/// <summary>Whether a transport can take interactions now, as <c>/readyz</c> asks it.</summary>
public interface ITransportReadiness
{
    /// <summary>Why the transport cannot serve interactions now (never a secret); empty when it can.</summary>
    IEnumerable<string> Problems();
}
