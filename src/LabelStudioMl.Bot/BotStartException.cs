namespace LabelStudioMl.Bot;

/// <summary>The bot cannot start in this environment (port in use, store taken); the message says why and what to do.</summary>
internal sealed class BotStartException(string message, Exception? inner = null) : Exception(message, inner);
