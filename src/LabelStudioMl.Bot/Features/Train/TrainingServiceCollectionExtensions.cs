using LabelStudioMl.Bot.Health;
using LabelStudioMl.Bot.Replicas;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Features.Train;

/// <summary>
/// Registers training runs; the running bot also follows runs whose <c>/train</c> call ended early (or a previous
/// process left in flight) and takes reports from ML servers on its health server. The console follows its own
/// runs with the same <see cref="InterruptedRunResumer"/> before it exits.
/// </summary>
internal static class TrainingServiceCollectionExtensions
{
    public static IServiceCollection AddTraining(this IServiceCollection services, bool running)
    {
        services.AddOptions<TrainingSettings>().BindConfiguration(TrainingSettings.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TrainingSettings>, TrainingSettingsValidator>());
        services.TryAddSingleton<TrainingRunStore>();
        services.TryAddSingleton<TrainingRunner>();
        services.TryAddSingleton<InterruptedRunResumer>();
        if (running)
        {
            services.AddLeaderWork<InterruptedRunResumer>();
            services.AddSingleton<IHealthRoute, TrainingReportEndpoint>();
        }
        return services;
    }
}
