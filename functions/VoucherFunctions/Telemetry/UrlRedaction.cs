using System.Diagnostics;
using OpenTelemetry;

namespace VoucherFunctions.Telemetry;

/// <summary>
/// Takes what identifies a customer out of URLs before a span is exported. Customer UINs sit in paths: the API's
/// (<c>/api/customers/{uin}</c>, replaced by the route template the ASP.NET Core instrumentation records) and Table
/// Storage's (a point read names its row, <c>ledger(PartitionKey='…',RowKey='bill|customer|{uin}|…')</c>, cut at
/// the parenthesis); query strings may carry a function key (<c>?code=</c>) or a SAS, so they go entirely. Azure.Core
/// already masks query values but keeps paths; the HTTP client instrumentation keeps both.
/// </summary>
public sealed class UrlRedaction : BaseProcessor<Activity>
{
    private static readonly string[] FullUrls = ["url.full", "http.url"];
    private static readonly string[] Paths = ["url.path", "http.target"];

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.GetTagItem("url.query") is not null)
        {
            data.SetTag("url.query", null);
        }

        foreach (var key in FullUrls)
        {
            if (data.GetTagItem(key) is string url)
            {
                data.SetTag(key, RedactUrl(url));
            }
        }

        var route = data.GetTagItem("http.route") as string;
        foreach (var key in Paths)
        {
            if (data.GetTagItem(key) is string path)
            {
                data.SetTag(key, route is null ? RedactPath(path) : "/" + route.TrimStart('/'));
            }
        }
    }

    /// <summary>The URL without query, fragment or entity keys.</summary>
    public static string RedactUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var end = url.IndexOfAny(['?', '#']);
        var withoutQuery = end < 0 ? url : url[..end];
        var scheme = withoutQuery.IndexOf("://", StringComparison.Ordinal);
        var pathStart = scheme < 0 ? 0 : withoutQuery.IndexOf('/', scheme + 3);
        return pathStart < 0 ? withoutQuery : withoutQuery[..pathStart] + RedactPath(withoutQuery[pathStart..]);
    }

    /// <summary>A path cut where Table Storage entity keys start (<c>table(</c> or its escaped form).</summary>
    public static string RedactPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var end = path.IndexOfAny(['?', '#']);
        var clean = end < 0 ? path : path[..end];
        var keys = clean.IndexOf('(');
        var escaped = clean.IndexOf("%28", StringComparison.OrdinalIgnoreCase);
        var cut = keys < 0 ? escaped : escaped < 0 ? keys : Math.Min(keys, escaped);
        return cut < 0 ? clean : clean[..cut] + "(…)";
    }
}
