using System.ComponentModel;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using VoucherFunctions.LocalHost.Discovery;
using FromBodyAttribute = Microsoft.Azure.Functions.Worker.Http.FromBodyAttribute;

namespace VoucherFunctions.LocalHost.Http;

/// <summary>
/// Maps every HTTP-triggered function to a Kestrel endpoint at the route, methods and authorization level its
/// attributes declare, and binds its parameters as the Functions host does.
/// </summary>
public static class HttpFunctionEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, IEnumerable<FunctionDescriptor> functions, string routePrefix, string functionKey)
    {
        foreach (var function in functions.Where(f => f.Trigger == TriggerKind.Http))
        {
            var route = function.EffectiveRoute(routePrefix);
            var routeParameters = RoutePatternFactory.Parse(route).Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var binders = function.Method.GetParameters().Select(p => BinderFor(function, p, routeParameters)).ToArray();
            var resultType = FunctionInvoker.ResultType(function.Method);
            if (resultType != typeof(void) && !typeof(IActionResult).IsAssignableFrom(resultType) && !typeof(IResult).IsAssignableFrom(resultType))
            {
                throw new InvalidOperationException($"HTTP function '{function.Name}' returns {resultType}; the local host serves IActionResult, IResult or no result.");
            }
            var requiresKey = function.AuthorizationLevel is AuthorizationLevel.Function or AuthorizationLevel.Admin or AuthorizationLevel.System;

            RequestDelegate handler = async context =>
            {
                if (requiresKey && !HasFunctionKey(context.Request, functionKey))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }
                var arguments = new object?[binders.Length];
                for (var i = 0; i < binders.Length; i++)
                {
                    arguments[i] = await binders[i](context);
                }
                var result = await FunctionInvoker.InvokeAsync(function.Method, context.RequestServices, arguments);
                await WriteResultAsync(context, result);
            };

            var builder = function.HttpMethods.Count == 0
                ? endpoints.Map(route, handler)
                : endpoints.MapMethods(route, function.HttpMethods, handler);
            builder.WithDisplayName(function.Name).WithMetadata(function);
        }
    }

    private static bool HasFunctionKey(HttpRequest request, string functionKey)
    {
        var presented = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        return presented is not null &&
               CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(functionKey));
    }

    private delegate ValueTask<object?> Binder(HttpContext context);

    private static Binder BinderFor(FunctionDescriptor function, ParameterInfo parameter, HashSet<string> routeParameters)
    {
        var type = parameter.ParameterType;
        if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is not null)
        {
            return type == typeof(HttpRequest)
                ? context => ValueTask.FromResult<object?>(context.Request)
                : throw Unsupported(function, parameter, "the trigger parameter must be an ASP.NET Core HttpRequest");
        }
        if (type == typeof(CancellationToken))
        {
            return context => ValueTask.FromResult<object?>(context.RequestAborted);
        }
        if (parameter.GetCustomAttribute<DurableClientAttribute>() is not null)
        {
            return type == typeof(DurableTaskClient)
                ? context => ValueTask.FromResult<object?>(context.RequestServices.GetRequiredService<DurableTaskClient>())
                : throw Unsupported(function, parameter, "a [DurableClient] parameter must be a DurableTaskClient");
        }
        if (parameter.GetCustomAttribute<FromBodyAttribute>() is not null)
        {
            return async context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
                return await JsonSerializer.DeserializeAsync(context.Request.Body, type, options, context.RequestAborted);
            };
        }
        if (parameter.Name is not null && routeParameters.Contains(parameter.Name))
        {
            var converter = TypeDescriptor.GetConverter(type);
            var name = parameter.Name;
            return context =>
            {
                var raw = context.Request.RouteValues.TryGetValue(name, out var value) ? value?.ToString() : null;
                return ValueTask.FromResult(raw is null ? null : type == typeof(string) ? raw : converter.ConvertFromInvariantString(raw));
            };
        }
        throw Unsupported(function, parameter, "it is not a trigger, route value, [FromBody], [DurableClient] or CancellationToken");
    }

    private static InvalidOperationException Unsupported(FunctionDescriptor function, ParameterInfo parameter, string why) =>
        new($"HTTP function '{function.Name}': parameter '{parameter.Name}' ({parameter.ParameterType.Name}) cannot be supplied by the local host: {why}.");

    private static async Task WriteResultAsync(HttpContext context, object? result)
    {
        switch (result)
        {
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult minimal:
                await minimal.ExecuteAsync(context);
                break;
            case null:
                // A function that wrote the response itself (or returned nothing) is done.
                break;
        }
    }
}
