namespace LabelStudioMl.Bot.LabelStudio.Errors;

/// <summary>
/// The one error type of the Label Studio client, whatever shape the failure had on the wire (docs/label-studio-behaviour.md, "Label Studio: HTTP and Django").
/// <see cref="Exception.Message"/> is fit to show a user: Label Studio's own text where it has one, otherwise a plain
/// description. <see cref="Hint"/> says what to do. Neither ever holds a token or a password.
/// </summary>
public sealed class LabelStudioException : Exception
{
    /// <summary>Creates the error.</summary>
    public LabelStudioException(
        LabelStudioErrorKind kind,
        string message,
        string operation,
        int? statusCode = null,
        string? hint = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? validationErrors = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Operation = operation;
        StatusCode = statusCode;
        Hint = hint;
        ValidationErrors = validationErrors ?? new Dictionary<string, IReadOnlyList<string>>();
    }

    /// <summary>What kind of failure this is.</summary>
    public LabelStudioErrorKind Kind { get; }

    /// <summary>The request that failed, e.g. <c>GET /api/ml/12</c>.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status, when an answer came back.</summary>
    public int? StatusCode { get; }

    /// <summary>What the user or operator can do about it, when there is something.</summary>
    public string? Hint { get; }

    /// <summary>Label Studio's field errors (<c>non_field_errors</c> included), texts intact.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ValidationErrors { get; }

    /// <summary>This error told with what the caller knows: the same kind, request and status, another message and hint.</summary>
    internal LabelStudioException Saying(string message, string hint) =>
        new(Kind, message, Operation, StatusCode, hint, ValidationErrors, this);

    /// <summary>
    /// This error with every occurrence of <paramref name="secrets"/> in its texts replaced by
    /// <see cref="SecretText.Mask"/>; itself when none occurs.
    /// </summary>
    internal LabelStudioException Without(IReadOnlyCollection<string> secrets)
    {
        var texts = ValidationErrors.Values.SelectMany(v => v).Append(Message).Append(Hint ?? "");
        if (!texts.Any(t => SecretText.Contains(t, secrets)))
            return this;

        var errors = ValidationErrors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)[.. e.Value.Select(v => SecretText.Redact(v, secrets))]);
        return new LabelStudioException(Kind, SecretText.Redact(Message, secrets), Operation, StatusCode,
            Hint is null ? null : SecretText.Redact(Hint, secrets), errors, InnerException);
    }
}
