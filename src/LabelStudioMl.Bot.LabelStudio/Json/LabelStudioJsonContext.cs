using System.Text.Json.Serialization;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio.Models;

namespace LabelStudioMl.Bot.LabelStudio.Json;

/// <summary>
/// Source-generated JSON metadata for every type on the wire. Snake case as Label Studio (DRF) writes it; unknown
/// members ignored; numbers accepted as strings; null members not written.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    AllowTrailingCommas = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(MlBackend))]
[JsonSerializable(typeof(List<MlBackend>))]
[JsonSerializable(typeof(IReadOnlyList<MlBackend>))]
[JsonSerializable(typeof(MlBackendCreateRequest))]
[JsonSerializable(typeof(MlBackendPatchRequest))]
[JsonSerializable(typeof(TrainRequest))]
[JsonSerializable(typeof(InteractiveAnnotatingRequest))]
[JsonSerializable(typeof(InteractiveAnnotatingResponse))]
[JsonSerializable(typeof(MlBackendVersions))]
[JsonSerializable(typeof(ProjectsPage))]
[JsonSerializable(typeof(CurrentUser))]
[JsonSerializable(typeof(TokenRefreshRequest))]
[JsonSerializable(typeof(TokenRefreshResponse))]
[JsonSerializable(typeof(List<Webhook>))]
[JsonSerializable(typeof(LabelStudioErrorBody))]
internal sealed partial class LabelStudioJsonContext : JsonSerializerContext;
