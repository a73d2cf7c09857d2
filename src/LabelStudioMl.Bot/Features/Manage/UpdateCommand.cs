using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.Presentation;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Features.Manage;

/// <summary>
/// <c>/ml update backend [fields…]</c>: changes what the caller names and nothing else. Label Studio's PATCH is not
/// partial (docs/label-studio-behaviour.md, "Label Studio: ML backends"), so <see cref="LabelStudioClient.UpdateBackendAsync"/> reads the backend first and resends url, project
/// and the stored extra params (its <c>/setup</c> check sees only what is sent). <c>basic_auth:false</c> stops Label
/// Studio sending basic auth; the reply says what Label Studio now does, as the stored password cannot be cleared.
/// A new <c>url</c> is probed first, as <c>/ml add</c> does (<see cref="MlHealthProbe"/>).
/// </summary>
internal sealed class UpdateCommand(
    LabelStudioClient labelStudio, ProjectLookup projects, BackendPresenter presenter, MlHealthProbe probes, ModelVersionCheck versions) : ISlashCommand
{
    private static readonly CommandOption[] Changes =
    [
        new("url", "New ML server URL, e.g. http://ml-backend:9090", OptionKind.Text),
        new("title", "New name", OptionKind.Text),
        new("description", "New description", OptionKind.Text),
        new("interactive", "Serve interactive pre-annotation", OptionKind.YesNo),
        new("model_version", "Pin this model version (automatic updates stop)", OptionKind.Text),
        BasicAuthSettings.User,
        BasicAuthSettings.Password,
        BasicAuthSettings.Enabled,
        .. BackendSettingOptions.All,
    ];

    public CommandDeclaration Declaration { get; } = new(
        "update",
        "Change an ML backend: URL, title, description, interactive, model version, basic auth, settings",
        AccessLevel.Admin,
        [CommonOptions.Backend, .. Changes]);

    public string? Validate(CommandOptions options)
    {
        if ((MlServerUrlOption.Problem(options) ?? BasicAuthSettings.EnabledProblem(options) ?? BackendSettingOptions.Problem(options)) is { } problem)
            return problem;
        return ChangedNames(options).Count == 0
            ? $"Name at least one thing to change: {string.Join(", ", Changes.Select(o => $"`{o.Name}`"))}."
            : null;
    }

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var basicAuth = BasicAuthSettings.Requested(options);
        if (options.HttpUrl("url") is { } url)
        {
            var user = BasicAuthSettings.UserOf(options);
            var probe = await probes.ProbeAsync(url, user, options.Text(BasicAuthSettings.Password.Name), cancellationToken);
            if (HealthProbeText.RefusalOf(url, probe, basicAuthGiven: user is not null, storedCredentialsMayApply: basicAuth != false) is { } refusal)
                return new CommandResult.Refused(refusal);
        }

        var changes = new MlBackendChanges
        {
            Url = options.HttpUrl("url")?.OriginalString.TrimEnd('/'),
            Title = options.Text("title"),
            Description = options.Text("description"),
            IsInteractive = options.Boolean("interactive"),
            ModelVersion = options.Text("model_version"),
            UseBasicAuth = basicAuth,
            BasicAuthUser = BasicAuthSettings.UserOf(options),
            BasicAuthPass = options.Text(BasicAuthSettings.Password.Name),
            Timeout = BackendSettingOptions.TimeoutOf(options),
            ExtraParams = BackendSettingOptions.ExtraParamsOf(options),
        };

        var id = options.Id(CommonOptions.Backend.Name)!.Value;
        var versionWarning = changes.ModelVersion is { } wanted ? await versions.WarningAsync(id, wanted, cancellationToken) : null;
        var backend = await labelStudio.UpdateBackendAsync(id, changes, cancellationToken);
        string?[] notes = [$"Changed: {string.Join(", ", ChangedNames(options))}", BasicAuthSettings.Outcome(basicAuth, backend), versionWarning];
        return Reply.Of(presenter.Detail(backend, await projects.FindAsync(backend.Project, cancellationToken))) with
        {
            Content = string.Join('\n', notes.OfType<string>()),
        };
    }

    private static List<string> ChangedNames(CommandOptions options) =>
        [.. Changes.Where(o => options.Has(o.Name)).Select(o => o.Name)];
}
