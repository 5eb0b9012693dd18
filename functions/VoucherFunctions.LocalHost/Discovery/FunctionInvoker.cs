using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace VoucherFunctions.LocalHost.Discovery;

/// <summary>
/// Calls a function method the way the Functions worker does: a new instance of its class per call,
/// built from DI (static methods need none), and awaits whatever task it returns.
/// </summary>
public static class FunctionInvoker
{
    public static async Task<object?> InvokeAsync(MethodInfo method, IServiceProvider services, object?[] arguments)
    {
        var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        object? returned;
        try
        {
            returned = method.Invoke(target, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
        return returned switch
        {
            Task task => await UnwrapAsync(task),
            ValueTask valueTask => await UnwrapAsync(valueTask.AsTask()),
            _ when returned is not null && returned.GetType().IsGenericType && returned.GetType().GetGenericTypeDefinition() == typeof(ValueTask<>)
                => await UnwrapAsync((Task)returned.GetType().GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(returned, null)!),
            _ => returned,
        };
    }

    private static async Task<object?> UnwrapAsync(Task task)
    {
        await task;
        var type = task.GetType();
        // Task<T> exposes Result; a plain Task (or the VoidTaskResult Task<T>) yields nothing.
        return type.IsGenericType && type.GetGenericArguments()[0].Name != "VoidTaskResult"
            ? type.GetProperty(nameof(Task<int>.Result))!.GetValue(task)
            : null;
    }

    /// <summary>The declared result type of a function, with Task/ValueTask unwrapped.</summary>
    public static Type ResultType(MethodInfo method)
    {
        var type = method.ReturnType;
        if (type == typeof(Task) || type == typeof(ValueTask) || type == typeof(void))
        {
            return typeof(void);
        }
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            return type.GetGenericArguments()[0];
        }
        return type;
    }
}
