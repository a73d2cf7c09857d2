namespace LabelStudioMl.Bot.Bench;

/// <summary>A minimal responder, wherever it runs (<see cref="MinimalResponder"/>, <see cref="ResponderProcess"/>).</summary>
internal interface IResponder : IAsyncDisposable
{
    /// <summary>What went wrong answering, if anything (the measurement is void then).</summary>
    string? Failure { get; }
}
