namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>What to do after the gateway closed the connection (OPS "Gateway Close Event Codes").</summary>
internal enum CloseAction
{
    Resume,
    NewSession,
    Fatal,
}

/// <summary>The close codes Discord documents (docs/label-studio-behaviour.md, "Discord: gateway"), with a fix for every fatal code.</summary>
internal static class GatewayCloseCodes
{
    public const int ReconnectClose = 4000;

    public static CloseAction Classify(int? code) => code switch
    {
        4004 or 4010 or 4011 or 4012 or 4013 or 4014 => CloseAction.Fatal,
        4003 or 4007 or 4009 => CloseAction.NewSession,
        _ => CloseAction.Resume,
    };

    public static string Describe(int code) => code switch
    {
        4004 => "Discord closed the gateway with 4004 (authentication failed): the bot token is wrong or was reset. "
            + "Reset it in the developer portal (Bot → Reset Token) and put it into Discord__Token.",
        4010 => "Discord closed the gateway with 4010 (invalid shard): Discord:ShardId must be below Discord:ShardCount.",
        4011 => "Discord closed the gateway with 4011 (sharding required): set Discord:ShardCount to the shard count GET /gateway/bot recommends.",
        4012 => "Discord closed the gateway with 4012 (invalid API version): this library speaks v10; update it.",
        4013 => "Discord closed the gateway with 4013 (invalid intents): Discord:Intents holds unknown bits; use 0 for slash commands.",
        4014 => "Discord closed the gateway with 4014 (disallowed intents): a privileged intent in Discord:Intents is not enabled. "
            + "Enable it in the developer portal (Bot → Privileged Gateway Intents) or remove it from Discord:Intents (0 is enough for slash commands).",
        _ => $"Discord closed the gateway with {code}.",
    };
}
