using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Transports.Console;

namespace LabelStudioMl.Bot.Tests.ConsoleTransport;

/// <summary>How a typed console line becomes a command, a button press or a message that says how to type it.</summary>
public sealed class ConsoleLineParserTests
{
    private static readonly CommandDeclaration Add = new("add", "Add a backend", AccessLevel.Admin,
    [
        new CommandOption("url", "ML server URL", OptionKind.Text, Required: true),
        new CommandOption("project", "Project", OptionKind.WholeNumber, Required: true),
        new CommandOption("title", "Title", OptionKind.Text),
    ]);

    private static ConsoleLine.Command Command(string line) => Assert.IsType<ConsoleLine.Command>(ConsoleLineParser.Parse(line));

    private static string Problem(string line) => Assert.IsType<ConsoleLine.Unreadable>(ConsoleLineParser.Parse(line)).Message;

    [Theory]
    [InlineData("/ml get backend:12")]
    [InlineData("get backend:12")]
    [InlineData("   /ml   get    backend:12   ")]
    public void A_command_reads_the_same_with_or_without_the_leading_ml(string line)
    {
        var command = Command(line);

        Assert.Equal("get", command.Name);
        Assert.Equal("12", Assert.Single(command.Options, o => o.Key == "backend").Value);
    }

    [Fact]
    public void Help_alone_is_a_command_without_options()
    {
        var command = Command("help");

        Assert.Equal(("help", 0), (command.Name, command.Options.Count));
    }

    [Fact]
    public void Quotes_keep_spaces_together_and_typed_values_convert_to_the_declared_types()
    {
        var command = Command("/ml add url:\"http://ml:9090\" project:3 title:\"yolo v8\"");
        var options = CommandOptions.FromText(Add, command.Options);

        Assert.Equal("add", command.Name);
        Assert.Equal(new Uri("http://ml:9090"), options.HttpUrl("url"));
        Assert.Equal(3, options.Id("project"));
        Assert.Equal("yolo v8", options.Text("title"));
    }

    [Fact]
    public void A_backslash_quote_inside_quotes_is_a_quote_and_a_double_backslash_is_one_backslash()
    {
        var command = Command(@"update backend:1 title:""the \""fast\"" one \\ v2""");

        Assert.Equal(@"the ""fast"" one \ v2", command.Options["title"]);
    }

    [Fact]
    public void Empty_quotes_give_an_empty_text()
    {
        Assert.Equal("", Command("update backend:1 title:\"\"").Options["title"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("    ")]
    [InlineData("# list the backends first")]
    [InlineData("   #/ml get backend:1")]
    public void Blank_lines_and_comments_do_nothing(string line)
    {
        Assert.IsType<ConsoleLine.Blank>(ConsoleLineParser.Parse(line));
    }

    [Theory]
    [InlineData("wait 30s", 30)]
    [InlineData("WAIT 2m", 120)]
    [InlineData("wait 60m", 3600)]
    public void Wait_takes_seconds_or_minutes(string line, int seconds)
    {
        Assert.Equal(new ConsoleLine.Wait(TimeSpan.FromSeconds(seconds)), ConsoleLineParser.Parse(line));
    }

    [Theory]
    [InlineData("wait")]
    [InlineData("wait forever")]
    [InlineData("wait 0s")]
    [InlineData("wait 61m")]
    public void A_wait_without_a_length_of_1s_to_60m_is_unreadable_and_says_the_form(string line)
    {
        var unreadable = Assert.IsType<ConsoleLine.Unreadable>(ConsoleLineParser.Parse(line));
        Assert.Contains("`wait 30s`", unreadable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bare_number_presses_that_button()
    {
        Assert.Equal(2, Assert.IsType<ConsoleLine.Press>(ConsoleLineParser.Parse(" 2 ")).Number);
    }

    [Fact]
    public void An_option_without_a_value_names_the_option_and_shows_the_usage()
    {
        var message = Problem("/ml get backend:");

        Assert.Contains("`backend` has no value", message, StringComparison.Ordinal);
        Assert.Contains("`/ml help`", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_name_alone_says_it_needs_a_value()
    {
        Assert.StartsWith("`backend` has no value: write backend:<value>.", Problem("/ml get backend"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_word_without_a_colon_is_explained_with_the_usage()
    {
        var message = Problem("/ml get 12");

        Assert.Contains("`12` is not an option: write name:value", message, StringComparison.Ordinal);
        Assert.Contains("`/ml help`", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_quote_is_explained_with_the_usage()
    {
        var message = Problem("/ml add url:\"http://ml:9090 project:3");

        Assert.StartsWith("A quote is not closed.", message, StringComparison.Ordinal);
        Assert.Contains("`/ml help`", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ml", "`/ml` needs a command after it.")]
    [InlineData("/foo get backend:1", "`/foo` is not a command of this bot")]
    [InlineData("get backend:1 backend:2", "`backend` is given twice.")]
    [InlineData("get :12", "`:12` has no option name")]
    [InlineData("backend:12", "`backend:12` is not a command name.")]
    public void Other_unreadable_lines_say_what_is_wrong(string line, string expected)
    {
        Assert.StartsWith(expected, Problem(line), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_option_is_refused_by_name_with_the_command_usage()
    {
        var command = Command("/ml add url:http://ml:9090 project:3 colour:red");

        var refusal = Assert.Throws<CommandInputException>(() => CommandOptions.FromText(Add, command.Options));

        Assert.Equal("`/ml add` has no option `colour`. Usage: /ml add url project [title]", refusal.Message);
    }
}
