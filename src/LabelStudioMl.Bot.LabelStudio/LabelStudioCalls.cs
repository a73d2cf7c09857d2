using System.Text.Json;
using LabelStudioMl.Bot.LabelStudio.Errors;
using Polly.Timeout;
using Refit;

namespace LabelStudioMl.Bot.LabelStudio;

/// <summary>Runs one Refit call and turns every way it can fail into a <see cref="LabelStudioException"/>.</summary>
internal static class LabelStudioCalls
{
    public static async Task<T> RunAsync<T>(string operation, Uri baseUrl, TimeSpan timeout, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            var result = await call();
            // JSON null deserializes to null whatever the declared type: refused here, not met later as a crash.
            if (result is null || (result is System.Collections.IEnumerable items and not string && items.Cast<object?>().Any(i => i is null)))
                throw LabelStudioErrorParser.NullAnswer(operation);
            return result;
        }
        catch (LabelStudioException)
        {
            throw;
        }
        catch (Exception e) when (e.InnerException is LabelStudioException inner)
        {
            // Refit wraps whatever the handlers threw before an answer came back, and what a body's stream threw while
            // it was read (the size limit); ours already says it all.
            throw inner;
        }
        catch (ApiRequestException e) when (e.InnerException is { } inner && IsTransport(inner, cancellationToken))
        {
            throw LabelStudioErrorParser.FromTransport(operation, inner, baseUrl, timeout);
        }
        catch (ApiException e) when ((int)e.StatusCode is >= 200 and < 300)
        {
            throw LabelStudioErrorParser.NotJson(operation, (int)e.StatusCode, e.ContentHeaders?.ContentType?.MediaType, e);
        }
        catch (ApiException e)
        {
            throw LabelStudioErrorParser.FromResponse(operation, (int)e.StatusCode, e.ContentHeaders?.ContentType?.MediaType, e.Content);
        }
        catch (JsonException e)
        {
            throw LabelStudioErrorParser.NotJson(operation, 200, null, e);
        }
        catch (Exception e) when (IsTransport(e, cancellationToken))
        {
            throw LabelStudioErrorParser.FromTransport(operation, e, baseUrl, timeout);
        }
    }

    private static bool IsTransport(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or TimeoutRejectedException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
