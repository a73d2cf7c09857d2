using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Features.Manage;

/// <summary>
/// Before <c>update model_version:</c> pins a version: whether the ML server lists it (<c>/api/ml/{id}/versions</c>).
/// A version it does not list is still pinned, since an ML server may serve versions it does not list, but the reply
/// warns, with the versions it does list: Label Studio asks the ML server for the pinned version on every prediction.
/// </summary>
internal sealed class ModelVersionCheck(LabelStudioClient labelStudio)
{
    /// <summary>Versions named in the warning at most.</summary>
    private const int Shown = 10;

    /// <summary>The warning about pinning <paramref name="wanted"/> on the backend, or null when the ML server lists it.</summary>
    public async Task<string?> WarningAsync(int backendId, string wanted, CancellationToken cancellationToken)
    {
        var version = wanted.Trim();
        try
        {
            var known = await labelStudio.GetVersionsAsync(backendId, cancellationToken);
            var listed = known.Versions.Select(SafeText.Visible).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            if (listed.Contains(version, StringComparer.Ordinal))
                return null;
            if (!string.IsNullOrWhiteSpace(known.Message))
            {
                // label_studio/ml/api.py MLBackendVersionsAPI: the ML server has no /versions route; Label Studio lists the stored version only.
                var stored = listed.Count == 0 ? "" : $": Label Studio knows only {string.Join(", ", listed.Select(Code))}";
                return $"⚠️ The ML server does not list its model versions, so {Code(version)} could not be checked{stored}.";
            }

            var names = listed.Count == 0 ? "none" : string.Join(", ", listed.TakeLast(Shown).Select(Code)) + (listed.Count > Shown ? $" (the last {Shown} of {listed.Count})" : "");
            return $"⚠️ {Code(version)} is not among the model versions the ML server lists: {names}. It is pinned anyway; Label Studio asks the ML "
                + $"server for it on every prediction, so check it, or pin a listed one with `/ml update backend:{backendId} model_version:…`.";
        }
        catch (LabelStudioException e)
        {
            return $"⚠️ The ML server's model versions could not be read ({SafeText.Excerpt(e.Message, 120)}), so {Code(version)} was not checked against them.";
        }
    }

    private static string Code(string text) => $"`{text.Replace('`', '\'')}`";
}
