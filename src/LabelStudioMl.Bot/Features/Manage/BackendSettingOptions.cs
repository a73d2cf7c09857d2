using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Interactions;

namespace LabelStudioMl.Bot.Features.Manage;

/// <summary>The backend settings <c>add</c> and <c>update</c> both take: timeout and extra parameters for <c>/setup</c>.</summary>
internal static class BackendSettingOptions
{
    public static readonly CommandOption Timeout = new(
        "timeout", "Seconds allowed for the ML server (stored by Label Studio), e.g. 30", OptionKind.Number);

    public static readonly CommandOption ExtraParams = new(
        "extra_params", "JSON object sent to the ML server's /setup, e.g. {\"threshold\": 0.5}", OptionKind.Text);

    public static readonly IReadOnlyList<CommandOption> All = [Timeout, ExtraParams];

    /// <summary>What is wrong with the given settings, or null. Malformed JSON throws with the parser's reason.</summary>
    public static string? Problem(CommandOptions options)
    {
        if (options.Number(Timeout.Name) is { } seconds && !(seconds > 0))
            return $"`timeout` must be a positive number of seconds, such as 30, not {seconds}.";
        return options.Has(ExtraParams.Name) && options.Json(ExtraParams.Name) is not JsonObject
            ? "`extra_params` must be a JSON object, such as {\"threshold\": 0.5}."
            : null;
    }

    public static double? TimeoutOf(CommandOptions options) => options.Number(Timeout.Name);

    public static JsonNode? ExtraParamsOf(CommandOptions options) => options.Json(ExtraParams.Name);
}
