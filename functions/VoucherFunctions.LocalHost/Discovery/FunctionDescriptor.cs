using System.Reflection;

namespace VoucherFunctions.LocalHost.Discovery;

public enum TriggerKind
{
    Http,
    Queue,
    Orchestration,
    Activity,
    Timer,
}

/// <summary>One <c>[Function]</c> method, as the Functions host would see it.</summary>
public sealed record FunctionDescriptor(string Name, TriggerKind Trigger, MethodInfo Method)
{
    /// <summary>HTTP only: the route template without the host.json prefix (null means the function name).</summary>
    public string? Route { get; init; }

    /// <summary>HTTP only: upper-case methods; empty means every method.</summary>
    public IReadOnlyList<string> HttpMethods { get; init; } = [];

    /// <summary>HTTP only: the declared authorization level.</summary>
    public Microsoft.Azure.Functions.Worker.AuthorizationLevel AuthorizationLevel { get; init; }

    /// <summary>Queue only: the queue name as declared (may be a %setting% reference).</summary>
    public string? QueueName { get; init; }

    /// <summary>Timer only: the schedule as declared (NCRONTAB with seconds, a TimeSpan, or a %setting% reference).</summary>
    public string? Schedule { get; init; }

    /// <summary>Timer only: whether the function also runs once when the host starts.</summary>
    public bool RunOnStartup { get; init; }

    /// <summary>The route template the function answers on, as the host builds it.</summary>
    public string EffectiveRoute(string routePrefix)
    {
        var route = Route ?? Name;
        return string.IsNullOrEmpty(routePrefix) ? route : $"{routePrefix.Trim('/')}/{route.TrimStart('/')}";
    }
}
