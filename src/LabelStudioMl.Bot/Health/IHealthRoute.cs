using Microsoft.AspNetCore.Routing;

namespace LabelStudioMl.Bot.Health;

/// <summary>A route another part of the bot serves on the health server (registered as a singleton of this type).</summary>
internal interface IHealthRoute
{
    /// <summary>Adds the route; called once, when the server starts.</summary>
    void Map(IEndpointRouteBuilder routes);
}
