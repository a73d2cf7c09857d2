using LabelStudioMl.Bot.Hosting;
using LabelStudioMl.Bot.Interactions;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudioMl.Bot.Tests.Interactions;

/// <summary>
/// The command set is listed by hand (the Native AOT binary keeps only what is named), so a new command file that is
/// not added to the list would silently never answer. These tests catch that.
/// </summary>
public sealed class CommandSetRegistrationTests
{
    [Theory]
    [InlineData(typeof(ISlashCommand))]
    [InlineData(typeof(IComponentHandler))]
    public void Every_command_and_handler_in_the_bot_is_registered_once(Type contract)
    {
        var registered = new ServiceCollection().AddCommandSet()
            .Where(d => d.ServiceType == contract)
            .Select(d => d.ImplementationType!.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
        var declared = typeof(InteractionDispatcher).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && contract.IsAssignableFrom(t))
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(declared);
        Assert.Equal(declared, registered);
    }
}
