using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Access;

/// <summary>Registers the access-control layer.</summary>
public static class AccessServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="AccessSettings"/> from the <c>Access</c> section (validated at start) and registers
    /// <see cref="RoleNameResolver"/> and <see cref="AccessPolicy"/> as singletons. Needs an <see cref="IGuildRoleSource"/>
    /// (the Discord transport's) for role names.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddBotAccess(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AccessSettings>().BindConfiguration(AccessSettings.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccessSettings>, AccessSettingsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RoleNameResolver>();
        services.TryAddSingleton<AccessPolicy>();
        return services;
    }
}
