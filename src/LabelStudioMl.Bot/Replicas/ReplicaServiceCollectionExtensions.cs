using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Replicas;

/// <summary>Registers who this replica is, the leader's settings, the election and the work only the leader runs.</summary>
internal static class ReplicaServiceCollectionExtensions
{
    /// <summary>This replica and the <c>Leader</c> settings (every verb checks them).</summary>
    public static IServiceCollection AddReplica(this IServiceCollection services)
    {
        services.TryAddSingleton<Replica>();
        services.AddOptions<LeaderSettings>().BindConfiguration(LeaderSettings.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LeaderSettings>, LeaderSettingsValidator>());
        return services;
    }

    /// <summary>Work only the leader runs, instead of a hosted service that every replica would run.</summary>
    public static IServiceCollection AddLeaderWork<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TService>(this IServiceCollection services)
        where TService : class, IHostedService
    {
        services.TryAddSingleton<TService>();
        services.AddSingleton<LeaderWork, LeaderWork<TService>>();
        return services;
    }

    /// <summary>
    /// The election (the running bot), registered after the store and the work: the leader's work starts once the
    /// store is ready and stops before it.
    /// </summary>
    public static IServiceCollection AddLeadership(this IServiceCollection services)
    {
        services.AddSingleton<Leadership>();
        services.AddHostedService(provider => provider.GetRequiredService<Leadership>());
        return services;
    }
}
