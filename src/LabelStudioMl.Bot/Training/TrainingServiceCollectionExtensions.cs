using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Training;

/// <summary>Registers training runs; the running bot also finishes runs a previous process left in flight.</summary>
internal static class TrainingServiceCollectionExtensions
{
    public static IServiceCollection AddTraining(this IServiceCollection services, bool resumeInterrupted)
    {
        services.AddOptions<TrainingOptions>().BindConfiguration(TrainingOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TrainingOptions>, TrainingOptionsValidator>());
        services.TryAddSingleton<TrainingRunStore>();
        services.TryAddSingleton<TrainingRunner>();
        if (resumeInterrupted)
            services.AddHostedService<InterruptedRunResumer>();
        return services;
    }
}
