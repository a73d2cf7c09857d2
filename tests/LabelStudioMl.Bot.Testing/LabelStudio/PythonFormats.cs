using System.Globalization;
using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>Values written the way Python/DRF write them.</summary>
internal static class PythonFormats
{
    /// <summary>DRF <c>DateTimeField</c>: ISO-8601 UTC with <c>Z</c>, microseconds only when non-zero.</summary>
    public static string Timestamp(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        var micro = (utc.Ticks % TimeSpan.TicksPerSecond) / 10;
        var seconds = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return micro == 0 ? seconds + "Z" : $"{seconds}.{micro.ToString("D6", CultureInfo.InvariantCulture)}Z";
    }

    /// <summary>A Python float literal (<c>100.0</c>, not <c>100</c>) as a JSON node that keeps that text.</summary>
    public static JsonNode Float(double value) => JsonNode.Parse(FloatText(value))!;

    /// <summary><c>repr(float)</c> for ordinary values.</summary>
    public static string FloatText(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e16
            ? value.ToString("0", CultureInfo.InvariantCulture) + ".0"
            : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A timeout in seconds as Python prints it in urllib3 texts (<c>1</c>, <c>0.5</c>).</summary>
    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("R", CultureInfo.InvariantCulture);
}
