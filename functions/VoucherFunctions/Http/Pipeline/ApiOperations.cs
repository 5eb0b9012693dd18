using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Http.OpenApi;

namespace VoucherFunctions.Http;

/// <summary>One HTTP function as the pipeline sees it: its function name and its <see cref="ApiOperationAttribute"/>.</summary>
public sealed record ApiOperation(string FunctionName, ApiOperationAttribute Attribute);

/// <summary>Finds (and caches) the operation description of a function method.</summary>
public static class ApiOperations
{
    private static readonly ConcurrentDictionary<(Type, string), ApiOperation> Cache = new();

    public static ApiOperation Of(Type functionType, string methodName) => Cache.GetOrAdd((functionType, methodName), static key =>
    {
        var (type, name) = key;
        var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"{type.Name} has no public method {name}.");
        var function = method.GetCustomAttribute<FunctionAttribute>()
            ?? throw new InvalidOperationException($"{type.Name}.{name} is not a [Function].");
        var operation = method.GetCustomAttribute<ApiOperationAttribute>()
            ?? throw new InvalidOperationException($"Function {function.Name} has no [ApiOperation].");
        return new ApiOperation(function.Name, operation);
    });
}
