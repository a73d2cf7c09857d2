namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>A request the fake answered, with when (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>) it began handling it and when it had written the answer.</summary>
/// <param name="Request">The request.</param>
/// <param name="ReceivedAt">When its handling began (headers read).</param>
/// <param name="AnsweredAt">When the answer was written.</param>
public sealed record AnsweredRequest(RecordedRequest Request, long ReceivedAt, long AnsweredAt);
