namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>The texts <c>str(exception)</c> gives for requests/urllib3 failures.</summary>
internal static class MlErrorTexts
{
    private const string ConnectionObject = "<urllib3.connection.HTTPConnection object at 0x7f0000000000>";

    public static string ConnectionRefused(Uri url) =>
        $"{Pool(url)}: Max retries exceeded with url: {url.PathAndQuery} (Caused by NewConnectionError('{ConnectionObject.Replace("HTTPConnection", Conn(url), StringComparison.Ordinal)}: Failed to establish a new connection: [Errno 111] Connection refused'))";

    public static string NameNotResolved(Uri url) =>
        $"{Pool(url)}: Max retries exceeded with url: {url.PathAndQuery} (Caused by NameResolutionError(\"{ConnectionObject.Replace("HTTPConnection", Conn(url), StringComparison.Ordinal)}: Failed to resolve '{url.Host}' ([Errno -2] Name or service not known)\"))";

    public static string ReadTimeout(Uri url, TimeSpan timeout) =>
        $"{Pool(url)}: Read timed out. (read timeout={PythonFormats.Seconds(timeout)})";

    /// <summary><c>HTTPError</c> from <c>raise_for_status()</c>.</summary>
    public static string HttpError(Uri url, int status, string reason) =>
        $"{status} {(status < 500 ? "Client" : "Server")} Error: {reason} for url: {url}";

    /// <summary>What <c>response.json()</c> raises on a body that is not JSON.</summary>
    public const string NotJson = "Expecting value: line 1 column 1 (char 0)";

    private static string Pool(Uri url) =>
        $"{(url.Scheme == "https" ? "HTTPSConnectionPool" : "HTTPConnectionPool")}(host='{url.Host}', port={url.Port})";

    private static string Conn(Uri url) => url.Scheme == "https" ? "HTTPSConnection" : "HTTPConnection";
}
