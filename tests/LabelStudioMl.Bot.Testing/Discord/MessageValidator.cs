using System.Text.Json;
using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Testing.Discord;

/// <summary>Validates a message body like Discord (MSG "Embed Limits", "Allowed Mentions"), on the raw JSON.</summary>
internal static class MessageValidator
{
    public static DiscordErrors Validate(JsonObject body, string prefix = "")
    {
        var errors = new DiscordErrors();
        // message.mdx "Embed Limits", "Create Message", "Allowed Mentions Object"; components/reference.mdx "Action Row".
        var content = Text(body["content"]);
        if (content is not null && content.Trim().Length > 2000)
            errors.Add(prefix + "content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.");

        var total = 0;
        if (body["embeds"] is JsonArray embeds)
        {
            if (embeds.Count > 10)
                errors.Add(prefix + "embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
            for (var i = 0; i < embeds.Count; i++)
            {
                if (embeds[i] is JsonObject embed)
                    total += ValidateEmbed(embed, $"{prefix}embeds.{i}.", errors);
            }

            if (total > 6000)
                errors.Add(prefix + "embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000");
        }

        if (body["allowed_mentions"] is JsonObject mentions && mentions["parse"] is JsonArray parse)
        {
            foreach (var kind in new[] { "users", "roles" })
            {
                if (parse.Any(p => Text(p) == kind) && mentions[kind] is JsonArray { Count: > 0 })
                    errors.Add(prefix + "allowed_mentions", "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE", $"parse:[\"{kind}\"] and {kind}: [ids] are mutually exclusive.");
            }
        }

        if (body["components"] is JsonArray rows)
        {
            if (rows.Count > 5)
                errors.Add(prefix + "components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
            for (var r = 0; r < rows.Count; r++)
            {
                if (rows[r]?["components"] is JsonArray children && children.Count > 5)
                    errors.Add($"{prefix}components.{r}.components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
            }
        }

        return errors;
    }

    public static bool IsEmpty(JsonObject body) =>
        string.IsNullOrWhiteSpace(Text(body["content"]))
        && body["embeds"] is not JsonArray { Count: > 0 }
        && body["components"] is not JsonArray { Count: > 0 };

    private static int ValidateEmbed(JsonObject embed, string at, DiscordErrors errors)
    {
        var total = 0;
        total += Limit(Text(embed["title"]), 256, at + "title", errors, allowEmpty: true);
        total += Limit(Text(embed["description"]), 4096, at + "description", errors, allowEmpty: true);
        total += Limit(Text(embed["footer"]?["text"]), 2048, at + "footer.text", errors, allowEmpty: true);
        total += Limit(Text(embed["author"]?["name"]), 256, at + "author.name", errors, allowEmpty: true);
        if (embed["fields"] is JsonArray fields)
        {
            if (fields.Count > 25)
                errors.Add(at + "fields", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
            for (var f = 0; f < fields.Count; f++)
            {
                total += Limit(Text(fields[f]?["name"]), 256, $"{at}fields.{f}.name", errors, allowEmpty: false);
                total += Limit(Text(fields[f]?["value"]), 1024, $"{at}fields.{f}.value", errors, allowEmpty: false);
            }
        }

        if (embed["color"] is JsonValue color && (!color.TryGetValue<long>(out var c) || c < 0 || c > 0xFFFFFF))
            errors.Add(at + "color", "NUMBER_TYPE_MAX", "int value should be less than or equal to 16777215.");
        return total;
    }

    private static int Limit(string? text, int max, string at, DiscordErrors errors, bool allowEmpty)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (!allowEmpty)
                errors.Add(at, "BASE_TYPE_REQUIRED", "This field is required");
            return 0;
        }

        if (trimmed.Length > max)
            errors.Add(at, "BASE_TYPE_MAX_LENGTH", $"Must be {max} or fewer in length.");
        return trimmed.Length;
    }

    internal static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
