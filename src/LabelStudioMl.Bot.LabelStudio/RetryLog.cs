using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace LabelStudioMl.Bot.LabelStudio;

/// <summary>
/// One line per retry of a Label Studio call: the request, why it failed and the wait, never a stack trace. Polly's
/// own telemetry logs each attempt with the exception (about 30 lines each); the bot keeps its category quiet.
/// </summary>
internal static partial class RetryLog
{
    public static ValueTask Retrying(ILogger logger, OnRetryArguments<HttpResponseMessage> args, int maxRetries)
    {
        var request = args.Context.GetRequestMessage();
        Retrying(logger, $"{request?.Method} {request?.RequestUri?.AbsolutePath}", Reason(args.Outcome), args.AttemptNumber + 1, maxRetries, args.RetryDelay.TotalMilliseconds);
        return ValueTask.CompletedTask;
    }

    private static string Reason(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException timeout } => $"no answer within {timeout.Timeout.TotalSeconds:0.#} s",
        { Exception: { } exception } => exception.Message,
        { Result: { } response } => $"answered {(int)response.StatusCode}",
        _ => "no answer",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Label Studio did not answer {Operation} ({Reason}); retry {Attempt} of {MaxRetries} in {DelayMs:0} ms")]
    private static partial void Retrying(ILogger logger, string operation, string reason, int attempt, int maxRetries, double delayMs);
}
