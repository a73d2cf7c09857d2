using LabelStudioMl.Bot.Discord.Messages;
using LabelStudioMl.Bot.Transports.Discord;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Tests.Presentation;

/// <summary>Checks that a reply fits Discord's limits as built, so nothing is cut when the Discord transport renders it.</summary>
internal static class DiscordLimitsAssert
{
    public static void Fits(Reply reply)
    {
        Assert.InRange(reply.Cards.Count, 1, MessageLimits.EmbedsPerMessage);
        foreach (var card in reply.Cards)
        {
            Assert.InRange(card.Title?.Length ?? 0, 0, MessageLimits.Title);
            Assert.InRange(card.Description?.Length ?? 0, 0, MessageLimits.Description);
            Assert.InRange(card.Fields.Count, 0, MessageLimits.Fields);
        }

        var ids = reply.Buttons.Select(b => b.CustomId).ToList();
        Assert.All(ids, id => Assert.InRange(id.Length, 1, MessageLimits.CustomId));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());

        // Rendering must cut nothing: the reply was already acceptable.
        var message = DiscordReplies.ToMessage(reply);
        Assert.InRange(message.Embeds!.Sum(MessageFitter.Size), 0, MessageLimits.TotalEmbedCharacters);
        Assert.Equal(reply.Cards.Select(c => (c.Title, c.Description)), message.Embeds!.Select(e => (e.Title, e.Description)));
        Assert.Equal(reply.Cards.Select(c => c.Fields.Select(f => (f.Name, f.Value))), message.Embeds!.Select(e => (e.Fields ?? []).Select(f => (f.Name, f.Value))));
    }
}
