namespace LabelStudioMl.Bot.Catalog;

/// <summary>One autocomplete suggestion: what the caller reads, and the id the option takes when it is picked.</summary>
public sealed record Suggestion(string Name, int Id);
