using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Testing.Discord;

/// <summary>Builds Discord's nested 50035 <c>errors</c> object: path segments → <c>{"_errors":[{code,message}]}</c>.</summary>
internal sealed class DiscordErrors
{
    private readonly JsonObject _root = [];

    public bool Any => _root.Count > 0;

    public void Add(string path, string code, string message)
    {
        // reference.mdx "Error Messages": the errors tree mirrors the request JSON, leaves are {"_errors": [...]}.
        var node = _root;
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (node[segment] is not JsonObject child)
            {
                child = [];
                node[segment] = child;
            }

            node = child;
        }

        if (node["_errors"] is not JsonArray list)
        {
            list = [];
            node["_errors"] = list;
        }

        list.Add(new JsonObject { ["code"] = code, ["message"] = message });
    }

    public JsonObject ToBody() => new()
    {
        ["message"] = "Invalid Form Body",
        ["code"] = 50035,
        ["errors"] = _root.DeepClone(),
    };
}
