using LabelStudioMl.Bot.Discord.Messages;
using LabelStudioMl.Bot.Interactions;

namespace LabelStudioMl.Bot.Tests.Presentation;

/// <summary>Checks that a reply is within Discord's limits as built, so nothing is cut on the way out.</summary>
internal static class DiscordLimitsAssert
{
    public static void Fits(Reply reply)
    {
        Assert.InRange(reply.Embeds.Count, 1, MessageLimits.EmbedsPerMessage);
        foreach (var embed in reply.Embeds)
        {
            Assert.InRange(embed.Title?.Length ?? 0, 0, MessageLimits.Title);
            Assert.InRange(embed.Description?.Length ?? 0, 0, MessageLimits.Description);
            Assert.InRange(embed.Fields?.Count ?? 0, 0, MessageLimits.Fields);
        }

        Assert.InRange(reply.Embeds.Sum(MessageFitter.Size), 0, MessageLimits.TotalEmbedCharacters);
        var ids = reply.Components.SelectMany(row => row.Components ?? []).Select(c => c.CustomId).OfType<string>().ToList();
        Assert.All(ids, id => Assert.InRange(id.Length, 1, MessageLimits.CustomId));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());

        // Fitting the message must change nothing: the reply was already acceptable.
        var message = reply.ToMessage();
        Assert.Equal(reply.Embeds, message.Embeds);
    }
}
