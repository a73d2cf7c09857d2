namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>A small, realistic Label Studio to try the bot against: two projects, backends in each state.</summary>
public static class SampleData
{
    /// <summary>
    /// Adds "Cars" (yolo-v8 connected, segmenter whose /setup fails, a backend whose ML server is down) and "Bikes"
    /// (one connected interactive backend with a versions route), and starts their fake ML servers. Each backend has the
    /// project webhook Label Studio creates when one is added.
    /// </summary>
    public static async Task SeedAsync(FakeLabelStudio labelStudio, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labelStudio);
        var cars = labelStudio.AddProject("Cars", "<View><Image name=\"image\" value=\"$image\"/><RectangleLabels name=\"label\" toName=\"image\"><Label value=\"Car\"/></RectangleLabels></View>");
        var bikes = labelStudio.AddProject("Bikes");
        for (var i = 0; i < 3; i++)
        {
            labelStudio.AddTask(cars.Id);
            labelStudio.AddTask(bikes.Id);
        }

        var yolo = await labelStudio.StartMlServerAsync(cancellationToken);
        yolo.ModelVersion = "yolo-v8.0.1";
        yolo.TrainingDuration = TimeSpan.FromSeconds(3);
        labelStudio.AddBackend(cars.Id, yolo.Url, "yolo-v8");

        var segmenter = await labelStudio.StartMlServerAsync(cancellationToken);
        segmenter.SetupFails = true;
        labelStudio.AddBackend(cars.Id, segmenter.Url, "segmenter");

        var retired = await labelStudio.StartMlServerAsync(cancellationToken);
        labelStudio.AddBackend(cars.Id, retired.Url, "retired");
        await retired.StopAsync();

        var classifier = await labelStudio.StartMlServerAsync(cancellationToken);
        classifier.Versions = ["1.0.0", "1.1.0"];
        classifier.ModelVersion = "1.1.0";
        labelStudio.AddBackend(bikes.Id, classifier.Url, "classifier").IsInteractive = true;

        foreach (var backend in labelStudio.Backends)
            labelStudio.AddWebhook(backend.ProjectId, backend.Url + "/webhook");
    }
}
