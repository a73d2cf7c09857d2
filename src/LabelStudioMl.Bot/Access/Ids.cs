using System.Globalization;

namespace LabelStudioMl.Bot.Access;

/// <summary>Discord ids (servers, roles, users) as the configuration and the caller give them: a 64-bit number in decimal.</summary>
internal static class Ids
{
    /// <summary>Reads an id; false for anything but digits that fit 64 bits.</summary>
    public static bool TryParse(string? text, out ulong id) => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
}
