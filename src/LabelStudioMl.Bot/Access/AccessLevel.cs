namespace LabelStudioMl.Bot.Access;

/// <summary>What a caller may do. Levels are cumulative: admin ⊃ operate ⊃ view.</summary>
public enum AccessLevel
{
    /// <summary>No access.</summary>
    None = 0,

    /// <summary>Read: list, get, versions, status, help.</summary>
    View = 1,

    /// <summary>Act on backends: train, predict, watch.</summary>
    Operate = 2,

    /// <summary>Change the setup: add, update, remove, audit.</summary>
    Admin = 3,
}
