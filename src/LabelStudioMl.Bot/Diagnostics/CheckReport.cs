namespace LabelStudioMl.Bot.Diagnostics;

/// <summary>
/// The plain-text report of <c>check</c>, written as it goes (some checks take seconds). Every failure and warning
/// carries a fix line. Failures decide the exit code; warnings (a backend in Error, say) do not, since the bot itself works.
/// </summary>
internal sealed class CheckReport(TextWriter output)
{
    public int Failures { get; private set; }

    public int Warnings { get; private set; }

    public void Section(string title)
    {
        output.WriteLine();
        output.WriteLine(title);
    }

    public void Ok(string text) => Line("ok  ", text, fix: null);

    public void Warn(string text, string? fix)
    {
        Warnings++;
        Line("warn", text, fix);
    }

    public void Fail(string text, string? fix)
    {
        Failures++;
        Line("FAIL", text, fix);
    }

    public void Detail(string text) => output.WriteLine($"         {text}");

    private void Line(string mark, string text, string? fix)
    {
        var lines = text.Split('\n');
        output.WriteLine($"  {mark}  {lines[0]}");
        foreach (var more in lines.Skip(1))
            output.WriteLine($"        {more}");
        if (!string.IsNullOrWhiteSpace(fix))
            output.WriteLine($"        fix: {fix}");
    }
}
