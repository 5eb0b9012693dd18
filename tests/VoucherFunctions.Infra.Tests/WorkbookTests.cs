using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VoucherFunctions.Telemetry;

namespace VoucherFunctions.Infra.Tests;

/// <summary>The operations workbook: on Application Insights, charting the app's own instruments by the names the app records.</summary>
public sealed partial class WorkbookTests
{
    private static JsonObject Template => Infra.Template(Infra.Current.Module("workbook"));

    private static JsonObject Workbook => Assert.Single(Infra.ResourcesOfType(Template, "Microsoft.Insights/workbooks"));

    /// <summary>
    /// The workbook's gallery content: string(workbook) in the Bicep, which compiles to string(variables('workbook'))
    /// over the template's variable (or to the JSON text itself, if the compiler inlines it).
    /// </summary>
    private static JsonObject Content
    {
        get
        {
            var data = Infra.Str(Workbook["properties"]!["serializedData"])!;
            return data.StartsWith("[string(variables('", StringComparison.Ordinal)
                ? Template["variables"]![data["[string(variables('".Length..^"'))]".Length]]!.AsObject()
                : JsonNode.Parse(data)!.AsObject();
        }
    }

    /// <summary>Each chart's KQL by the item's name.</summary>
    private static Dictionary<string, string> Queries =>
        Content["items"]!.AsArray().Select(i => i!.AsObject())
            .Where(i => i["content"]?["query"] is not null)
            .ToDictionary(i => Infra.Str(i["name"])!, i => Infra.Str(i["content"]!["query"])!, StringComparer.Ordinal);

    [Fact]
    public void The_workbook_is_a_shared_workbook_on_the_application_insights_of_the_app()
    {
        var workbook = Workbook;

        Assert.Equal("shared", Infra.Str(workbook["kind"]));
        Assert.Equal("workbook", Infra.Str(workbook["properties"]!["category"]));
        Assert.Contains("Microsoft.Insights/components", Infra.Str(workbook["properties"]!["sourceId"]), StringComparison.Ordinal);
        // The monitoring module's Application Insights (its output), not a name of its own.
        var name = Infra.Str(Infra.ModuleParameter(Infra.Current.Module("workbook"), "applicationInsightsName"))!;
        Assert.Contains("'monitoring')", name, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.applicationInsightsName.value]", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bills-per-second", MetricNames.Bills)]
    [InlineData("rejection-reasons", MetricNames.Bills)]
    [InlineData("group-size", MetricNames.GroupSize)]
    [InlineData("etag-conflicts", MetricNames.EtagConflicts)]
    [InlineData("approvals", MetricNames.ApplicationsOverdue)]
    [InlineData("webhook-failures", MetricNames.WebhookDeliveries)]
    public void The_workbook_charts_what_operators_look_at(string chart, string metric)
    {
        Assert.Contains($"\"{metric}\"", Queries[chart], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_metric_and_dimension_the_workbook_queries_is_one_the_app_records()
    {
        var queries = string.Join('\n', Queries.Values);
        var documented = typeof(Dimensions).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet(StringComparer.Ordinal);

        var metrics = MetricName().Matches(queries).Select(m => m.Groups[1].Value).Distinct().ToArray();
        var dimensions = DimensionName().Matches(queries).Select(m => m.Groups[1].Value).Distinct().ToArray();

        Assert.NotEmpty(metrics);
        Assert.All(metrics, name => Assert.Contains(name, MetricNames.All));
        Assert.NotEmpty(dimensions);
        Assert.All(dimensions, name => Assert.Contains(name, documented));
    }

    [GeneratedRegex(@"(?<!\[)""(voucher\.[a-z_.]+)""")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"customDimensions\[""([a-z_.]+)""\]")]
    private static partial Regex DimensionName();
}
