namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>A Label Studio project held by the fake. Properties are mutable so tests can tweak them.</summary>
public sealed class FakeProject
{
    internal FakeProject(int id, string title, string labelConfig, DateTimeOffset createdAt)
    {
        Id = id;
        Title = title;
        LabelConfig = labelConfig;
        CreatedAt = createdAt;
    }

    /// <summary>Primary key.</summary>
    public int Id { get; }

    /// <summary>Project title.</summary>
    public string Title { get; set; }

    /// <summary>Label config XML, sent to ML servers as <c>schema</c>.</summary>
    public string LabelConfig { get; set; }

    /// <summary>Project description.</summary>
    public string Description { get; set; } = "";

    /// <summary>The project's <c>model_version</c>; follows the title of ML backends (docs/label-studio-behaviour.md, "Label Studio: ML backends" and "Label Studio: webhooks").</summary>
    public string ModelVersion { get; set; } = "";

    /// <summary><c>show_collab_predictions</c>; Label Studio's default is true.</summary>
    public bool ShowCollabPredictions { get; set; } = true;

    /// <summary>Creation time; its Unix seconds form the <c>project</c> string sent to ML servers.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Ids of the tasks of this project.</summary>
    public IReadOnlyList<int> TaskIds => TaskIdList;

    internal List<int> TaskIdList { get; } = [];

    /// <summary>The <c>project</c> value Label Studio sends to ML servers: <c>"&lt;id&gt;.&lt;created_at epoch&gt;"</c>.</summary>
    public string MlProjectKey => $"{Id}.{CreatedAt.ToUnixTimeSeconds()}";
}
