using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Transports.Console;

/// <summary>
/// Where the console prints: replies as text with a blank line after each, one at a time. It remembers the last
/// message that showed buttons, which a number line presses. Anything else that should reach the console reader
/// (the posts of the console's channel) prints here too.
/// </summary>
internal sealed class ConsoleOutput(TextWriter writer, TimeProvider time)
{
    private readonly Lock _gate = new();
    private Reply? _withButtons;

    /// <summary>How many error or refusal replies were printed.</summary>
    public int Failures { get; private set; }

    /// <summary>The last printed message that had buttons, if any.</summary>
    public Reply? LastWithButtons
    {
        get
        {
            lock (_gate)
                return _withButtons;
        }
    }

    public void Print(Reply reply)
    {
        var text = ReplyText.Render(reply, time.GetUtcNow());
        lock (_gate)
        {
            if (reply.Buttons.Count > 0)
                _withButtons = reply;
            if (ReplyText.IsFailure(reply))
                Failures++;
            writer.WriteLine(text);
            writer.WriteLine();
            writer.Flush();
        }
    }

    /// <summary>
    /// A message the bot would post in the watching channel (an alert, a training result), as the console's stand-in
    /// channel shows it: under a <c>#console</c> line, and never counted as a failed line.
    /// </summary>
    public void PrintPost(string text)
    {
        lock (_gate)
        {
            writer.WriteLine($"#{Caller.ConsoleChannelId} ── posted by the bot");
            writer.WriteLine(text);
            writer.WriteLine();
            writer.Flush();
        }
    }

    /// <summary>A line of its own that is not an error (what the console is waiting for).</summary>
    public void PrintNote(string message)
    {
        lock (_gate)
        {
            writer.WriteLine(message);
            writer.WriteLine();
            writer.Flush();
        }
    }

    /// <summary>A console message of its own (unreadable line, bad button number), marked as an error.</summary>
    public void PrintProblem(string message)
    {
        lock (_gate)
        {
            Failures++;
            writer.WriteLine($"{ReplyText.ErrorMark} {message}");
            writer.WriteLine();
            writer.Flush();
        }
    }

    /// <summary>A button press replaced <paramref name="pressedOn"/>: its buttons are the ones numbers press now.</summary>
    public void Replace(Reply pressedOn, Reply updated)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_withButtons, pressedOn) && updated.Buttons.Count == 0)
                _withButtons = null;
        }

        Print(updated);
    }
}
