using System.Text.Json;
using VoucherFunctions.Composition;
using VoucherFunctions.LocalHost.Discovery;

namespace VoucherFunctions.Functions.Tests.LocalHost;

/// <summary>
/// functions.metadata is what the Functions SDK wrote for Azure; the local host reads the same attributes.
/// If the two ever disagree about a function, its trigger or its route, the local host is lying.
/// </summary>
public sealed class FunctionsMetadataParityTests
{
    private static readonly Dictionary<string, TriggerKind> TriggerTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["httpTrigger"] = TriggerKind.Http,
        ["queueTrigger"] = TriggerKind.Queue,
        ["timerTrigger"] = TriggerKind.Timer,
        ["orchestrationTrigger"] = TriggerKind.Orchestration,
        ["activityTrigger"] = TriggerKind.Activity,
    };

    [Fact]
    public void The_local_host_serves_exactly_the_functions_triggers_and_routes_of_functions_metadata()
    {
        var metadataPath = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        Assert.True(File.Exists(metadataPath), $"functions.metadata was not copied next to the tests ({metadataPath}).");
        using var metadata = JsonDocument.Parse(File.ReadAllText(metadataPath));
        var fromSdk = metadata.RootElement.EnumerateArray().Select(Describe).OrderBy(d => d, StringComparer.Ordinal).ToList();

        var fromLocalHost = FunctionCatalog.Discover(typeof(VoucherFunctionsRegistration).Assembly).Select(Describe).OrderBy(d => d, StringComparer.Ordinal).ToList();

        Assert.NotEmpty(fromSdk);
        Assert.Equal(fromSdk, fromLocalHost);
    }

    private static string Describe(JsonElement function)
    {
        var trigger = function.GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));
        var kind = TriggerTypes[trigger.GetProperty("type").GetString()!];
        var name = function.GetProperty("name").GetString()!;
        return kind switch
        {
            TriggerKind.Http => Http(name,
                trigger.TryGetProperty("route", out var route) ? route.GetString() : null,
                trigger.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!) : [],
                trigger.GetProperty("authLevel").GetString()!),
            TriggerKind.Queue => $"{name} queue {trigger.GetProperty("queueName").GetString()}",
            TriggerKind.Timer => $"{name} timer {trigger.GetProperty("schedule").GetString()} startup {(trigger.TryGetProperty("runOnStartup", out var startup) && startup.GetBoolean())}",
            _ => $"{name} {kind}",
        };
    }

    private static string Describe(FunctionDescriptor function) => function.Trigger switch
    {
        TriggerKind.Http => Http(function.Name, function.Route, function.HttpMethods, function.AuthorizationLevel.ToString()),
        TriggerKind.Queue => $"{function.Name} queue {function.QueueName}",
        TriggerKind.Timer => $"{function.Name} timer {function.Schedule} startup {function.RunOnStartup}",
        _ => $"{function.Name} {function.Trigger}",
    };

    private static string Http(string name, string? route, IEnumerable<string> methods, string authLevel) =>
        $"{name} http {route ?? name} [{string.Join(",", methods.Select(m => m.ToUpperInvariant()).Order(StringComparer.Ordinal))}] {authLevel}";
}
