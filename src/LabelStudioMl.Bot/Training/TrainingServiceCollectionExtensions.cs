using LabelStudioMl.Bot.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Training;

/// <summary>
/// Registers training runs; the running bot also follows runs whose <c>/train</c> call ended early (or a previous
/// process left in flight) and takes reports from ML servers on its health server.
/// </summary>
internal static class TrainingServiceCollectionExtensions
{
    public static IServiceCollection AddTraining(this IServiceCollection services, bool running)
    {
        services.AddOptions<TrainingOptions>().BindConfiguration(TrainingOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TrainingOptions>, TrainingOptionsValidator>());
        services.TryAddSingleton<TrainingRunStore>();
        services.TryAddSingleton<TrainingRunner>();
        if (running)
        {
            services.AddHostedService<InterruptedRunResumer>();
            services.AddSingleton<IHealthRoute, TrainingReportEndpoint>();
        }
        return services;
    }
}
