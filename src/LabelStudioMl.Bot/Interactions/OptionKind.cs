namespace LabelStudioMl.Bot.Interactions;

/// <summary>What a command option takes; each transport reads and offers it its own way.</summary>
public enum OptionKind
{
    /// <summary>Free text.</summary>
    Text,

    /// <summary>A whole number (ids are these, with <see cref="CommandOption.IsId"/>).</summary>
    WholeNumber,

    /// <summary>Any number.</summary>
    Number,

    /// <summary>True or false.</summary>
    YesNo,

    /// <summary>A role of the server, as its id.</summary>
    Role,
}
