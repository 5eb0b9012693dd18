using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using VoucherFunctions.LocalHost.Discovery;

namespace VoucherFunctions.LocalHost.Durable;

/// <summary>An orchestrator function (<c>[OrchestrationTrigger] TaskOrchestrationContext</c>) as a Durable Task orchestrator.</summary>
internal sealed class FunctionOrchestrator(FunctionDescriptor function, IServiceProvider services) : ITaskOrchestrator
{
    public Type InputType => typeof(object);
    public Type OutputType => FunctionInvoker.ResultType(function.Method);

    public Task<object?> RunAsync(TaskOrchestrationContext context, object? input)
    {
        var wrapped = new FunctionOrchestrationContext(context, input, services.GetRequiredService<ILoggerFactory>());
        return FunctionInvoker.InvokeAsync(function.Method, services, [wrapped]);
    }

    public static void Validate(FunctionDescriptor function)
    {
        var parameters = function.Method.GetParameters();
        if (parameters.Length != 1 || parameters[0].ParameterType != typeof(TaskOrchestrationContext))
        {
            throw new InvalidOperationException(
                $"Orchestrator function '{function.Name}' must take exactly one [OrchestrationTrigger] TaskOrchestrationContext parameter (read its input with GetInput<T>()).");
        }
    }
}

/// <summary>An activity function (<c>[ActivityTrigger] T input</c>) as a Durable Task activity, its class built from DI.</summary>
internal sealed class FunctionActivity(FunctionDescriptor function, IServiceProvider services) : ITaskActivity
{
    private readonly ParameterInfo[] _parameters = function.Method.GetParameters();

    public Type InputType => _parameters.Single(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null).ParameterType;
    public Type OutputType => FunctionInvoker.ResultType(function.Method);

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        await using var scope = services.CreateAsyncScope();
        var arguments = _parameters.Select(p => p.ParameterType == typeof(CancellationToken) ? (object?)CancellationToken.None : input).ToArray();
        return await FunctionInvoker.InvokeAsync(function.Method, scope.ServiceProvider, arguments);
    }

    public static void Validate(FunctionDescriptor function)
    {
        foreach (var parameter in function.Method.GetParameters())
        {
            if (parameter.GetCustomAttribute<ActivityTriggerAttribute>() is null && parameter.ParameterType != typeof(CancellationToken))
            {
                throw new InvalidOperationException(
                    $"Activity function '{function.Name}': parameter '{parameter.Name}' cannot be supplied by the local host; only the [ActivityTrigger] input and a CancellationToken can.");
            }
        }
    }
}
