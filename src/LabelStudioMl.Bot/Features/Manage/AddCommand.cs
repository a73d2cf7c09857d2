using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.Presentation;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Features.Manage;

/// <summary>
/// <c>/ml add url project …</c>: connects an ML server to a project. The bot first asks the server's <c>/health</c>
/// itself: an HTTP answer that is not 2xx stops the command with the status, an excerpt and the fix (Label Studio
/// would refuse too, less clearly). When the bot cannot reach the URL at all, its network may simply differ from
/// Label Studio's, so the command goes ahead and says that Label Studio must reach the URL.
/// </summary>
internal sealed class AddCommand(
    LabelStudioClient labelStudio,
    ProjectLookup projects,
    BackendPresenter presenter,
    MlHealthProbe probes) : ISlashCommand
{
    public CommandDeclaration Declaration { get; } = new(
        "add",
        "Connect an ML server to a Label Studio project",
        AccessLevel.Admin,
        [
            new("url", "The ML server's URL as Label Studio reaches it, e.g. http://ml-backend:9090", OptionKind.Text, Required: true),
            CommonOptions.Project,
            new("title", "A name for the backend", OptionKind.Text),
            new("description", "What the model does", OptionKind.Text),
            new("interactive", "Serve interactive pre-annotation", OptionKind.YesNo),
            BasicAuthSettings.User,
            BasicAuthSettings.Password,
            .. BackendSettingOptions.All,
        ]);

    public string? Validate(CommandOptions options)
    {
        return MlServerUrlOption.Problem(options) ?? BasicAuthSettings.PasswordWithoutUser(options) ?? BackendSettingOptions.Problem(options);
    }

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var url = options.HttpUrl("url")!;
        var user = BasicAuthSettings.UserOf(options);
        var password = options.Text(BasicAuthSettings.Password.Name);
        var probe = await probes.ProbeAsync(url, user, password, cancellationToken);
        if (HealthProbeText.RefusalOf(url, probe, basicAuthGiven: user is not null, storedCredentialsMayApply: false) is { } refusal)
            return new CommandResult.Refused(refusal);

        var request = new MlBackendCreateRequest
        {
            Url = url.OriginalString.TrimEnd('/'),
            Project = options.Id(CommonOptions.Project.Name)!.Value,
            Title = options.Text("title"),
            Description = options.Text("description"),
            IsInteractive = options.Boolean("interactive"),
            AuthMethod = user is null ? null : MlBackendAuthMethod.BasicAuth,
            BasicAuthUser = user,
            BasicAuthPass = user is null ? null : password,
            Timeout = BackendSettingOptions.TimeoutOf(options),
            ExtraParams = BackendSettingOptions.ExtraParamsOf(options),
        };

        MlBackend backend;
        try
        {
            backend = await labelStudio.AddBackendAsync(request, cancellationToken);
        }
        catch (LabelStudioException e) when (probe.Unreachable)
        {
            throw HealthProbeText.WithProbeNote(e, url, probe);
        }

        var reply = Reply.Of(presenter.Detail(backend, await projects.FindAsync(backend.Project, cancellationToken)));
        return probe.Unreachable ? reply with { Content = HealthProbeText.UnreachableButAdded(url, probe) } : reply;
    }
}
