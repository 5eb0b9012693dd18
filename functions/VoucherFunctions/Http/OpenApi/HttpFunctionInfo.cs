using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;

namespace VoucherFunctions.Http.OpenApi;

/// <summary>An HTTP-triggered function of the app as its attributes declare it: name, methods, route and (if any) its API description.</summary>
public sealed partial record HttpFunctionInfo(string Name, IReadOnlyList<string> Methods, string Route, AuthorizationLevel AuthLevel, ApiOperationAttribute? Operation, MethodInfo Method)
{
    /// <summary>host.json's extensions.http.routePrefix (a test checks they agree).</summary>
    public const string RoutePrefix = "api";

    /// <summary>The OpenAPI path: "/api/templates/{templateId}" (route constraints and optional marks dropped).</summary>
    public string Path => "/" + RoutePrefix + "/" + RouteParameter().Replace(Route, m => "{" + m.Groups["name"].Value + "}");

    public IEnumerable<string> PathParameters => RouteParameter().Matches(Route).Select(m => m.Groups["name"].Value);

    public static IReadOnlyList<HttpFunctionInfo> Discover(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Function is not null && x.Trigger is not null)
            .Select(x => new HttpFunctionInfo(
                x.Function!.Name,
                (x.Trigger!.Methods ?? ["get"]).Select(v => v.ToLowerInvariant()).ToList(),
                (x.Trigger.Route ?? x.Function.Name).Trim('/'),
                x.Trigger.AuthLevel,
                x.Method.GetCustomAttribute<ApiOperationAttribute>(),
                x.Method))
            .OrderBy(f => f.Route, StringComparer.Ordinal)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_]+)(:[^}?]*)?\??\}")]
    private static partial Regex RouteParameter();
}
