using System.Globalization;
using LabelStudioMl.Bot.LabelStudio.Errors;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.LabelStudio;

/// <summary>
/// Refuses an answer larger than <see cref="LabelStudioSettings.MaxResponseMiB"/>: at once when its
/// <c>Content-Length</c> says so, otherwise as soon as that many bytes have streamed in. Nothing past the limit is
/// read, so memory stays bounded whatever Label Studio, or whatever answers at its address, sends.
/// </summary>
public sealed class ResponseSizeLimitHandler(IOptionsMonitor<LabelStudioSettings> options) : DelegatingHandler
{
    private const long Mebibyte = 1024 * 1024;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = options.CurrentValue.MaxResponseMiB * Mebibyte;
        var operation = $"{request.Method} {request.RequestUri?.PathAndQuery}";
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentLength is { } length && length > limit)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw TooLarge(operation, status, length, limit);
        }

        var original = response.Content;
        var limited = new StreamContent(new LimitedStream(await original.ReadAsStreamAsync(cancellationToken), limit, operation, (int)response.StatusCode));
        foreach (var header in original.Headers)
            limited.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content = limited;
        return response;
    }

    private static LabelStudioException TooLarge(string operation, int status, long? size, long limit)
    {
        var amount = size is { } known ? $"{Mebibytes(known)} MiB" : $"more than {Mebibytes(limit)} MiB";
        return new LabelStudioException(
            LabelStudioErrorKind.ResponseTooLarge,
            $"Label Studio's answer was too large ({amount}, limit {Mebibytes(limit)} MiB), so the bot did not read it.",
            operation,
            status,
            "If an answer this large is expected (a project with very many ML backends), raise LabelStudio:MaxResponseMiB "
            + "(environment variable LabelStudio__MaxResponseMiB); otherwise check that LabelStudio:Url points at Label Studio itself.");
    }

    private static string Mebibytes(long bytes) => (bytes / (double)Mebibyte).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Passes bytes through until the limit, then fails every read.</summary>
    private sealed class LimitedStream(Stream inner, long limit, string operation, int status) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, Allowed(count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }

        /// <summary>Reads at most one byte past the limit: enough to know the answer is larger.</summary>
        private int Allowed(int requested) => (int)Math.Min(requested, Math.Max(1, limit + 1 - _read));

        private int Count(int read)
        {
            _read += read;
            if (_read <= limit)
                return read;

            // Let go of the connection now: nothing more of this answer will be read.
            inner.Dispose();
            throw TooLarge(operation, status, size: null, limit);
        }
    }
}
