using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>
/// Source-generated JSON metadata for every Discord model: snake_case names, nulls omitted when writing,
/// unknown properties ignored, enums as numbers (so unknown values survive).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GatewayPayload))]
[JsonSerializable(typeof(GatewayHello))]
[JsonSerializable(typeof(GatewayReady))]
[JsonSerializable(typeof(GatewayIdentify))]
[JsonSerializable(typeof(GatewayResume))]
[JsonSerializable(typeof(GatewayBot))]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(Application))]
[JsonSerializable(typeof(Role))]
[JsonSerializable(typeof(IReadOnlyList<Role>))]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(InteractionResponse))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(PostedMessage))]
[JsonSerializable(typeof(MessageContent))]
[JsonSerializable(typeof(ApplicationCommand))]
[JsonSerializable(typeof(IReadOnlyList<ApplicationCommand>))]
[JsonSerializable(typeof(List<ApplicationCommand>))]
[JsonSerializable(typeof(ApplicationCommand[]))]
[JsonSerializable(typeof(InteractionCallbackData))]
[JsonSerializable(typeof(DiscordError))]
[JsonSerializable(typeof(long?))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class DiscordJsonContext : JsonSerializerContext;
