namespace LabelStudioMl.Bot.Notifications;

/// <summary>
/// How the transport that will deliver a post stores it in the <see cref="NotificationOutbox"/>: as the text it sends
/// or shows later, so the row is ready to go whatever happens to the process in between.
/// </summary>
internal interface IPostFormat
{
    /// <summary>The stored form of <paramref name="post"/>.</summary>
    string Write(ChannelPost post);
}
