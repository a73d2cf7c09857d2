using LabelStudioMl.Bot.Discord.Models;

namespace LabelStudioMl.Bot.Discord.Messages;

/// <summary>
/// Makes a whole message acceptable to Discord instead of letting it be rejected: content ≤ 2000, ≤ 10 embeds,
/// 6000 characters across all embeds (descriptions, then field values, then later embeds give way), labels ≤ 80.
/// </summary>
public static class MessageFitter
{
    /// <summary>Fits a message; programming errors (custom ids over 100, more than 5 rows) throw instead.</summary>
    /// <param name="message">The message.</param>
    /// <returns>A message within every limit.</returns>
    public static MessageContent Fit(MessageContent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message with
        {
            Content = Truncation.Fit(message.Content, MessageLimits.Content),
            Embeds = message.Embeds is null ? null : FitEmbeds(message.Embeds),
            Components = message.Components is null ? null : CheckComponents(message.Components),
        };
    }

    /// <summary>Keeps at most 10 embeds and 6000 characters across them.</summary>
    /// <param name="embeds">The embeds (each already within its own limits, e.g. from <see cref="EmbedBuilder"/>).</param>
    /// <returns>The fitted embeds.</returns>
    public static IReadOnlyList<Embed> FitEmbeds(IReadOnlyList<Embed> embeds)
    {
        ArgumentNullException.ThrowIfNull(embeds);
        var list = embeds.Take(MessageLimits.EmbedsPerMessage).ToList();
        var excess = list.Sum(Size) - MessageLimits.TotalEmbedCharacters;

        // Give way from the last embed backwards: descriptions first, then field values.
        for (var i = list.Count - 1; i >= 0 && excess > 0; i--)
        {
            var embed = list[i];
            var description = Truncation.Counted(embed.Description);
            if (description > 0)
            {
                var keep = Math.Max(0, description - excess);
                var fitted = keep == 0 ? null : Truncation.Fit(embed.Description, Math.Max(keep, 1));
                excess -= description - Truncation.Counted(fitted);
                embed = embed with { Description = fitted };
            }

            if (excess > 0 && embed.Fields is { Count: > 0 } fields)
            {
                var changed = fields.ToList();
                for (var f = changed.Count - 1; f >= 0 && excess > 0; f--)
                {
                    var value = Truncation.Counted(changed[f].Value);
                    var keep = Math.Max(1, value - excess);
                    var fitted = Truncation.Fit(changed[f].Value, keep)!;
                    excess -= value - Truncation.Counted(fitted);
                    changed[f] = changed[f] with { Value = fitted };
                }

                embed = embed with { Fields = changed };
            }

            list[i] = embed;
        }

        // Still too long (titles, names, footers): drop embeds from the end, never the first.
        while (excess > 0 && list.Count > 1)
        {
            excess -= Size(list[^1]);
            list.RemoveAt(list.Count - 1);
        }

        return list;
    }

    /// <summary>The characters an embed counts toward the 6000.</summary>
    /// <param name="embed">The embed.</param>
    /// <returns>Title + description + field names and values + footer text + author name, trimmed.</returns>
    public static int Size(Embed embed)
    {
        ArgumentNullException.ThrowIfNull(embed);
        return Truncation.Counted(embed.Title) + Truncation.Counted(embed.Description)
            + Truncation.Counted(embed.Footer?.Text) + Truncation.Counted(embed.Author?.Name)
            + (embed.Fields?.Sum(f => Truncation.Counted(f.Name) + Truncation.Counted(f.Value)) ?? 0);
    }

    private static List<Component> CheckComponents(IReadOnlyList<Component> rows)
    {
        if (rows.Count > MessageLimits.ActionRows)
            throw new ArgumentException($"A message holds at most {MessageLimits.ActionRows} action rows; got {rows.Count}.", nameof(rows));
        return rows.Select(row =>
        {
            if (row.Components is { Count: > MessageLimits.ButtonsPerRow })
                throw new ArgumentException($"An action row holds at most {MessageLimits.ButtonsPerRow} buttons.", nameof(rows));
            return row with { Components = row.Components?.Select(FitComponent).ToList() };
        }).ToList();
    }

    private static Component FitComponent(Component component)
    {
        if (component.CustomId is { Length: 0 or > MessageLimits.CustomId } id)
            throw new ArgumentException($"custom_id must be 1–{MessageLimits.CustomId} characters; '{id[..Math.Min(20, id.Length)]}…' is {id.Length}.", nameof(component));
        return component with { Label = Truncation.Fit(component.Label, MessageLimits.ButtonLabel) };
    }
}
