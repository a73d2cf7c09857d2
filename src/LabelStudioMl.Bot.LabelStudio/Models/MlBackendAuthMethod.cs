using System.Text.Json.Serialization;
using LabelStudioMl.Bot.LabelStudio.Json;

namespace LabelStudioMl.Bot.LabelStudio.Models;

/// <summary>
/// How Label Studio authenticates to the ML server. Versions differ in spelling (<c>NONE</c>/<c>BASIC_AUTH</c> or
/// <c>NA</c>/<c>BA</c>); the code is kept as received so that an update writes back the same dialect.
/// </summary>
[JsonConverter(typeof(MlBackendAuthMethodConverter))]
public readonly record struct MlBackendAuthMethod(string Code)
{
    /// <summary>No authentication (current spelling).</summary>
    public static readonly MlBackendAuthMethod None = new("NONE");

    /// <summary>HTTP basic authentication (current spelling).</summary>
    public static readonly MlBackendAuthMethod BasicAuth = new("BASIC_AUTH");

    /// <summary>Whether this is basic authentication in either spelling.</summary>
    public bool IsBasicAuth => Code is "BASIC_AUTH" or "BA";

    /// <summary>Whether the code uses the short spelling (<c>NA</c>/<c>BA</c>).</summary>
    public bool IsShortSpelling => Code is "NA" or "BA";

    /// <summary>Basic or no authentication, spelled the way this value is spelled.</summary>
    public MlBackendAuthMethod InSameSpelling(bool basicAuth) => IsShortSpelling
        ? new(basicAuth ? "BA" : "NA")
        : basicAuth ? BasicAuth : None;

    /// <inheritdoc />
    public override string ToString() => Code;
}

internal sealed class MlBackendAuthMethodConverter : StringCodeConverter<MlBackendAuthMethod>
{
    protected override MlBackendAuthMethod Create(string code) => new(code);

    protected override string CodeOf(MlBackendAuthMethod value) => value.Code;
}
