using System.Text.Json.Serialization;
using LabelStudioMl.Bot.LabelStudio.Json;

namespace LabelStudioMl.Bot.LabelStudio.Models;

/// <summary>
/// The state code of an ML backend (<c>CO DI ER TR PR</c>). Codes this client does not know are kept as they are,
/// so a newer Label Studio never breaks parsing.
/// </summary>
[JsonConverter(typeof(MlBackendStateConverter))]
public readonly record struct MlBackendState(string Code)
{
    /// <summary>Connected: the last health check and setup succeeded.</summary>
    public static readonly MlBackendState Connected = new("CO");

    /// <summary>Disconnected: the health check failed.</summary>
    public static readonly MlBackendState Disconnected = new("DI");

    /// <summary>Error: setup or training failed; see <c>error_message</c>.</summary>
    public static readonly MlBackendState Error = new("ER");

    /// <summary>Training (transient: the next read overwrites it).</summary>
    public static readonly MlBackendState Training = new("TR");

    /// <summary>Predicting (never set by Community Edition).</summary>
    public static readonly MlBackendState Predicting = new("PR");

    /// <summary>Whether the code is one of the five documented ones.</summary>
    public bool IsKnown => this == Connected || this == Disconnected || this == Error || this == Training || this == Predicting;

    /// <inheritdoc />
    public override string ToString() => Code;
}

internal sealed class MlBackendStateConverter : StringCodeConverter<MlBackendState>
{
    protected override MlBackendState Create(string code) => new(code);

    protected override string CodeOf(MlBackendState value) => value.Code;
}
