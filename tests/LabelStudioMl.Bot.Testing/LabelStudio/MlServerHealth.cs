namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>How a <see cref="FakeMlServer"/> answers.</summary>
public enum MlServerHealth
{
    /// <summary>Normal operation.</summary>
    Up,

    /// <summary>Every connection is aborted: callers see a connection error.</summary>
    Down,

    /// <summary>Every route answers 401 in plain text.</summary>
    Unauthorized,

    /// <summary>Every route answers 500.</summary>
    ServerError,
}
