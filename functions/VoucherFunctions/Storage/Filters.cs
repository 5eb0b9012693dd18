using Azure.Data.Tables;

namespace VoucherFunctions.Storage;

/// <summary>
/// OData filter pieces, each produced by <see cref="TableClient.CreateQueryFilter(FormattableString)"/> so that
/// values are always literals (a quote in a value cannot end the literal and add a clause).
/// </summary>
public static class Filters
{
    /// <summary>Rows of one partition whose row key starts with <paramref name="prefix"/>.</summary>
    public static string PrefixInPartition(string partitionKey, string prefix) =>
        RangeInPartition(partitionKey, prefix, Keys.PrefixEnd(prefix));

    /// <summary>Rows of one partition with <paramref name="from"/> &lt;= RowKey &lt; <paramref name="to"/>.</summary>
    /// <remarks>
    /// The row-key bounds come first for the emulator's sake. Azure reads the key range from the index whatever the
    /// order of the terms; Azurite (3.37, <c>LokiTableMetadataStore.queryTableEntities</c>) evaluates the filter on
    /// every entity of the table, left to right, stopping at the first false <c>and</c> term (<c>AndNode.evaluate</c>).
    /// With the partition first, every row of the queried partition passed it and went on to the row-key terms, so a
    /// query of a large partner cost more than one of a small partner (a bill of a 100,000-voucher partner ran at
    /// 0.58 of a 100-voucher partner's rate, the same 10 rows read); with the range first, nearly every row stops at
    /// the first or second term whichever partition it is in.
    /// </remarks>
    public static string RangeInPartition(string partitionKey, string from, string to) =>
        TableClient.CreateQueryFilter($"RowKey ge {from} and RowKey lt {to} and PartitionKey eq {partitionKey}");

    public static string Eq(string property, string value) => Build(property, "eq", value);

    public static string Eq(string property, long value) => Build(property, "eq", value);

    public static string Ge(string property, DateTimeOffset value) => Build(property, "ge", value);

    public static string Lt(string property, DateTimeOffset value) => Build(property, "lt", value);

    public static string Le(string property, DateTimeOffset value) => Build(property, "le", value);

    public static string Gt(string property, DateTimeOffset value) => Build(property, "gt", value);

    public static string Gt(string property, long value) => Build(property, "gt", value);

    public static string Ge(string property, string value) => Build(property, "ge", value);

    public static string Lt(string property, string value) => Build(property, "lt", value);

    public static string Or(params string[] parts) => "(" + string.Join(" or ", parts.Select(p => "(" + p + ")")) + ")";

    public static string And(IEnumerable<string> parts) => string.Join(" and ", parts.Select(p => "(" + p + ")"));

    // Property names are our own constants, never input; values go through the SDK's literal formatting.
    private static string Build(string property, string op, object value)
    {
        if (property.Length == 0 || !property.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"'{property}' is not a property name.", nameof(property));
        }

        var literal = TableClient.CreateQueryFilter($"{value}");
        return property + " " + op + " " + literal;
    }
}
