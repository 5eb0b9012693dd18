using VoucherFunctions.Application.Common;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using VoucherFunctions.Http.OpenApi;
using VoucherFunctions.Http.Paging;

namespace VoucherFunctions.Http;

/// <summary>
/// The query parameters an operation takes, derived from its <see cref="ApiOperationAttribute"/> exactly as the
/// OpenAPI document lists them: the properties of its query class, <c>pageSize</c> and <c>continuationToken</c>
/// when it answers a page, <c>format</c> when it can answer CSV, and the Functions key <c>code</c>. Any other
/// parameter is refused (400 <c>request.unknown_query_parameter</c>), as an unknown body property is, so a typo
/// never silently means "no filter".
/// </summary>
public static class QueryParameters
{
    public const string Format = "format";

    /// <summary>The function key of Function-level routes (Azure Functions and the local host read it from the query).</summary>
    public const string FunctionKey = "code";

    public static readonly IReadOnlyList<string> Formats = ["json", "csv"];

    private static readonly ConcurrentDictionary<ApiOperationAttribute, HashSet<string>> Allowed = new();

    public static bool IsPaged(ApiOperationAttribute operation) =>
        operation.Response is { IsGenericType: true } response && response.GetGenericTypeDefinition() == typeof(PageDto<>);

    /// <summary>Refuses an unknown parameter and an unknown <c>format</c>; the values of the others are checked when bound.</summary>
    public static void Check(ApiOperationAttribute operation, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(query);
        var allowed = Allowed.GetOrAdd(operation, static o => Names(o));
        foreach (var (name, values) in query)
        {
            if (!allowed.Contains(name))
            {
                throw ApiException.BadRequest(ApiErrorCodes.UnknownQueryParameter, $"This operation takes no query parameter '{Shorten(name)}'; it takes: {(allowed.Count == 1 ? "none" : string.Join(", ", allowed.Where(a => a != FunctionKey).Order(StringComparer.Ordinal)))}.", Shorten(name));
            }

            if (string.Equals(name, Format, StringComparison.OrdinalIgnoreCase) && (values.Count != 1 || !Formats.Contains(values[0]!, StringComparer.OrdinalIgnoreCase)))
            {
                throw ApiException.BadRequest(ApiErrorCodes.QueryInvalid, $"'{Format}' is one of: {string.Join(", ", Formats)}.", Format);
            }
        }
    }

    private static HashSet<string> Names(ApiOperationAttribute operation)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { FunctionKey };
        if (operation.Query is { } query)
        {
            names.UnionWith(QueryBinder.Properties(query).Select(QueryBinder.NameOf));
        }

        if (IsPaged(operation))
        {
            names.Add(PageQuery.PageSizeName);
            names.Add(PageQuery.ContinuationTokenName);
        }

        if (operation.Csv)
        {
            names.Add(Format);
        }

        return names;
    }

    /// <summary>A parameter name as echoed back: at most 64 characters, control characters replaced.</summary>
    private static string Shorten(string name) =>
        new((name.Length > 64 ? name[..64] : name).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
