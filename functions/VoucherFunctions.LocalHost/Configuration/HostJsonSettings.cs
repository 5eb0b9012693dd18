using System.Text.Json;

namespace VoucherFunctions.LocalHost.Configuration;

/// <summary>The parts of host.json the local host honours, with the Functions host's defaults.</summary>
public sealed record HostJsonSettings
{
    public string RoutePrefix { get; init; } = "api";
    public QueueSettings Queues { get; init; } = new();
    public string HubName { get; init; } = "LocalHostHub";

    public static HostJsonSettings Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"host.json not found at {path}.", path);
        }
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var settings = new HostJsonSettings();
        if (!document.RootElement.TryGetProperty("extensions", out var extensions))
        {
            return settings;
        }
        if (extensions.TryGetProperty("http", out var http) && http.TryGetProperty("routePrefix", out var prefix))
        {
            settings = settings with { RoutePrefix = prefix.GetString() ?? "" };
        }
        if (extensions.TryGetProperty("queues", out var queues))
        {
            settings = settings with { Queues = QueueSettings.From(queues) };
        }
        if (extensions.TryGetProperty("durableTask", out var durable) && durable.TryGetProperty("hubName", out var hub) && hub.GetString() is { Length: > 0 } hubName)
        {
            settings = settings with { HubName = hubName };
        }
        return settings;
    }

    private static Azure.Storage.Queues.QueueMessageEncoding ParseEncoding(string? value) => value?.ToLowerInvariant() switch
    {
        "base64" => Azure.Storage.Queues.QueueMessageEncoding.Base64,
        "none" => Azure.Storage.Queues.QueueMessageEncoding.None,
        _ => throw new InvalidOperationException($"host.json queues.messageEncoding must be 'base64' or 'none' (it is '{value}')."),
    };
}

/// <summary>host.json <c>extensions.queues</c>, defaults as documented for the Functions host.</summary>
public sealed record QueueSettings
{
    public int BatchSize { get; init; } = 16;
    public int NewBatchThreshold { get; init; } = 8;
    public int MaxDequeueCount { get; init; } = 5;
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How message bodies are encoded: <c>base64</c> (the host's default) or <c>none</c>.</summary>
    public Azure.Storage.Queues.QueueMessageEncoding MessageEncoding { get; init; } = Azure.Storage.Queues.QueueMessageEncoding.Base64;

    internal static QueueSettings From(JsonElement queues)
    {
        var settings = new QueueSettings();
        if (queues.TryGetProperty("batchSize", out var batch)) settings = settings with { BatchSize = batch.GetInt32() };
        if (queues.TryGetProperty("newBatchThreshold", out var threshold)) settings = settings with { NewBatchThreshold = threshold.GetInt32() };
        if (queues.TryGetProperty("maxDequeueCount", out var dequeue)) settings = settings with { MaxDequeueCount = dequeue.GetInt32() };
        if (queues.TryGetProperty("visibilityTimeout", out var visibility)) settings = settings with { VisibilityTimeout = TimeSpan.Parse(visibility.GetString()!, System.Globalization.CultureInfo.InvariantCulture) };
        if (queues.TryGetProperty("maxPollingInterval", out var polling)) settings = settings with { MaxPollingInterval = TimeSpan.Parse(polling.GetString()!, System.Globalization.CultureInfo.InvariantCulture) };
        if (queues.TryGetProperty("messageEncoding", out var encoding)) settings = settings with { MessageEncoding = ParseEncoding(encoding.GetString()) };
        if (settings.BatchSize is < 1 or > 32) throw new InvalidOperationException("host.json queues.batchSize must be 1..32.");
        if (settings.MaxDequeueCount < 1) throw new InvalidOperationException("host.json queues.maxDequeueCount must be at least 1.");
        return settings;
    }

    private static Azure.Storage.Queues.QueueMessageEncoding ParseEncoding(string? value) => value?.ToLowerInvariant() switch
    {
        "base64" => Azure.Storage.Queues.QueueMessageEncoding.Base64,
        "none" => Azure.Storage.Queues.QueueMessageEncoding.None,
        _ => throw new InvalidOperationException($"host.json queues.messageEncoding must be 'base64' or 'none' (it is '{value}')."),
    };
}
