using System.Globalization;
using LabelStudioMl.Bot.LabelStudio;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>
/// A subcommand's options as the caller typed them, before they are read: what the audit row and the log keep, for a
/// refused or invalid command too, with every secret masked.
/// </summary>
public sealed class TypedOptions
{
    private readonly IReadOnlyList<KeyValuePair<string, string?>> _values;

    private TypedOptions(IReadOnlyList<KeyValuePair<string, string?>> values) => _values = values;

    /// <summary>No options.</summary>
    public static TypedOptions None { get; } = new([]);

    /// <summary>Options as <c>name → text</c>, in the order given (numbers and booleans in their invariant text).</summary>
    public static TypedOptions Of(IEnumerable<KeyValuePair<string, string?>> values) => new([.. values]);

    /// <summary>The backend id given, when the <c>backend</c> option is a whole number (as the audit's backend column wants it).</summary>
    public int? BackendId =>
        _values.FirstOrDefault(v => v.Key == CommonOptions.BackendName).Value is { } text
        && int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : null;

    /// <summary>
    /// The options as text (<c>backend:3 title:"yolo v8"</c>): declared secrets and options whose name looks secret are
    /// <c>***</c>; in any other value, secret-looking query values in URLs and properties in JSON are masked (<see cref="SecretText"/>).
    /// </summary>
    public string Redacted(CommandDeclaration declaration) => string.Join(' ', _values.Select(v =>
        $"{v.Key}:{(declaration.Options.FirstOrDefault(o => o.Name == v.Key)?.Secret == true || SecretText.LooksSecret(v.Key) ? SecretText.Mask : Format(SecretText.Masked(v.Value ?? "")))}"));

    private static string Format(string value) => value.Contains(' ', StringComparison.Ordinal) ? $"\"{value}\"" : value;
}
