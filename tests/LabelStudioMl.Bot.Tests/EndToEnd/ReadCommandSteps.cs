using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing.Discord;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>Steps the read-command specifications share: valid options per command, button presses, Discord's verdict.</summary>
internal static class ReadCommandSteps
{
    /// <summary>Options that make <paramref name="command"/> valid for a project holding one backend.</summary>
    public static JsonObject[] ValidOptions(string command, int projectId, int backendId) => command switch
    {
        "list" => [FakeInteractions.Option("project", projectId)],
        "versions" => [FakeInteractions.Option("backend", backendId)],
        "audit" => [FakeInteractions.Option("backend", backendId)],
        _ => [],
    };

    /// <summary>FakeDiscord validates every message and callback; a 4xx means the bot sent something Discord rejects.</summary>
    public static void AssertDiscordAcceptedEverything(BotHarness bot) => AssertDiscordAcceptedEverything(bot.Discord);

    /// <summary>FakeDiscord validates every message and callback; a 4xx means the bot sent something Discord rejects.</summary>
    public static void AssertDiscordAcceptedEverything(FakeDiscord discord) =>
        Assert.DoesNotContain(discord.Requests, r => r.Status >= 400);

    /// <summary>A press on <paramref name="customId"/> of the message as the bot last showed it (Discord sends it along).</summary>
    public static JsonObject PressOn(JsonObject shownMessage, string customId)
    {
        var press = FakeInteractions.ButtonPress(customId);
        var message = press["message"]!.AsObject();
        message["content"] = shownMessage["content"]?.DeepClone() ?? "";
        message["embeds"] = shownMessage["embeds"]?.DeepClone() ?? new JsonArray();
        message["components"] = shownMessage["components"]?.DeepClone() ?? new JsonArray();
        return press;
    }

    /// <summary>The Prev and Next buttons of a paged message.</summary>
    public static (JsonObject Prev, JsonObject Next) PageButtons(JsonObject message)
    {
        var row = Assert.Single(message["components"]!.AsArray())!;
        var buttons = row["components"]!.AsArray();
        Assert.Equal(2, buttons.Count);
        return (buttons[0]!.AsObject(), buttons[1]!.AsObject());
    }

    /// <summary>Whether a button is disabled.</summary>
    public static bool IsDisabled(JsonObject button) => button["disabled"]?.GetValue<bool>() == true;

    /// <summary>The first embed's description, or "".</summary>
    public static string Description(JsonObject message) => message["embeds"]?[0]?["description"]?.GetValue<string>() ?? "";

    /// <summary>The first embed's footer text, or "".</summary>
    public static string Footer(JsonObject message) => message["embeds"]?[0]?["footer"]?["text"]?.GetValue<string>() ?? "";

    /// <summary>The first embed's title, or "".</summary>
    public static string Title(JsonObject message) => message["embeds"]?[0]?["title"]?.GetValue<string>() ?? "";
}
