using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace VoucherFunctions.LocalHost.Discovery;

/// <summary>
/// Reads the functions of an assembly from their attributes, exactly as the Functions SDK does when it
/// writes functions.metadata: no route or name is repeated anywhere else.
/// </summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<FunctionDescriptor> Discover(Assembly assembly)
    {
        var functions = new List<FunctionDescriptor>();
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var function = method.GetCustomAttribute<FunctionAttribute>();
                if (function is not null)
                {
                    functions.Add(Describe(function.Name, method));
                }
            }
        }
        var duplicate = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two functions are named '{duplicate.Key}'; function names must be unique.");
        }
        return functions.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    private static FunctionDescriptor Describe(string name, MethodInfo method)
    {
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
            {
                return new FunctionDescriptor(name, TriggerKind.Http, method)
                {
                    Route = http.Route,
                    HttpMethods = (http.Methods ?? []).Select(m => m.ToUpperInvariant()).ToList(),
                    AuthorizationLevel = http.AuthLevel,
                };
            }
            if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
            {
                return new FunctionDescriptor(name, TriggerKind.Queue, method) { QueueName = queue.QueueName };
            }
            if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
            {
                return new FunctionDescriptor(name, TriggerKind.Timer, method) { Schedule = timer.Schedule, RunOnStartup = timer.RunOnStartup };
            }
            if (parameter.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null)
            {
                return new FunctionDescriptor(name, TriggerKind.Orchestration, method);
            }
            if (parameter.GetCustomAttribute<ActivityTriggerAttribute>() is not null)
            {
                return new FunctionDescriptor(name, TriggerKind.Activity, method);
            }
        }
        throw new InvalidOperationException(
            $"Function '{name}' ({method.DeclaringType?.FullName}.{method.Name}) has no trigger this local host supports " +
            "(HttpTrigger, QueueTrigger, TimerTrigger, OrchestrationTrigger, ActivityTrigger).");
    }
}
