using LabelStudioMl.Bot.Notifications;

namespace LabelStudioMl.Bot.Transports.Console;

/// <summary>The console's channel stores its posts as the text it prints (<see cref="ReplyText"/>), rendered when they are queued.</summary>
internal sealed class ConsolePostFormat(TimeProvider time) : IPostFormat
{
    public string Write(ChannelPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return ReplyText.Render(post.Reply, time.GetUtcNow());
    }
}
