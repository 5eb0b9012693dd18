using System.Text.Json;
using Azure.Data.Tables;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Scopes;

namespace VoucherFunctions.Storage.Rows;

/// <summary>
/// Typed reads and writes of entity properties. Money is Int64 10^-8 units (Azure.Data.Tables reads
/// decimal back as 0, and floating point is never exact), times are UTC DateTimeOffset, enums are
/// their names, sets and lists are JSON strings.
/// </summary>
internal static class RowValues
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TableEntity New(string partitionKey, string rowKey, string kind) => new(partitionKey, rowKey) { ["Kind"] = kind };

    public static void SetMoney(TableEntity e, string name, Money value) => e[name + "Minor"] = value.MinorUnits;

    public static Money GetMoney(TableEntity e, string name, Currency currency) =>
        Money.FromMinorUnits(e.GetInt64(name + "Minor") ?? throw Missing(e, name + "Minor"), currency);

    public static Currency GetCurrency(TableEntity e, string name = "Currency") => Currency.Of(GetString(e, name));

    public static string GetString(TableEntity e, string name) => e.GetString(name) ?? throw Missing(e, name);

    public static DateTimeOffset GetTime(TableEntity e, string name) => (e.GetDateTimeOffset(name) ?? throw Missing(e, name)).ToUniversalTime();

    public static DateTimeOffset? GetTimeOrNull(TableEntity e, string name) => e.GetDateTimeOffset(name)?.ToUniversalTime();

    public static void SetTime(TableEntity e, string name, DateTimeOffset? value) => e[name] = value?.ToUniversalTime();

    public static T GetEnum<T>(TableEntity e, string name)
        where T : struct, Enum => Enum.Parse<T>(GetString(e, name));

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static T FromJson<T>(TableEntity e, string name) =>
        JsonSerializer.Deserialize<T>(GetString(e, name), Json) ?? throw Missing(e, name);

    public static ProductSet GetProductSet(TableEntity e, string name) => ProductSet.Of(FromJson<string[]>(e, name));

    public static string ToJson(ProductSet set) => ToJson(set.Codes);

    public static void SetScope(TableEntity e, ProductScope scope)
    {
        e["ProductScopeKind"] = scope.Kind.ToString();
        e["ProductScopeCodes"] = ToJson(scope.Products);
    }

    public static ProductScope GetScope(TableEntity e) =>
        ProductScope.Create(GetEnum<ProductScopeKind>(e, "ProductScopeKind"), GetProductSet(e, "ProductScopeCodes"));

    /// <summary>Splits long text over numbered properties: Azure caps one string property at 64 KiB (32K UTF-16 chars).</summary>
    public static void SetChunked(TableEntity e, string name, string text, int maxChunks)
    {
        const int ChunkChars = 30_000;
        var chunks = (text.Length + ChunkChars - 1) / ChunkChars;
        if (chunks > maxChunks)
        {
            throw new ArgumentOutOfRangeException(nameof(text), $"{name} needs {chunks} chunks; at most {maxChunks} fit one entity.");
        }

        e[name + "Chunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            e[name + i] = text.Substring(i * ChunkChars, Math.Min(ChunkChars, text.Length - (i * ChunkChars)));
        }
    }

    public static string GetChunked(TableEntity e, string name)
    {
        var chunks = e.GetInt32(name + "Chunks") ?? throw Missing(e, name + "Chunks");
        return string.Concat(Enumerable.Range(0, chunks).Select(i => GetString(e, name + i)));
    }

    private static InvalidOperationException Missing(TableEntity e, string name) =>
        new($"Row '{e.PartitionKey}'/'{e.RowKey}' has no '{name}'.");
}
