using System.Text.Json;
using Azure.Data.Tables;
using VoucherFunctions.Domain.Ports;
using static VoucherFunctions.Storage.Rows.RowValues;

namespace VoucherFunctions.Storage.Rows;

/// <summary>
/// An Idempotency-Key row: PK = partner, RK = "idem|{operation}|{key}"; inserted, never replaced. "Response" holds the
/// use case's result as JSON. Rows written before results were stored hold the HTTP answer instead: a "StatusCode"
/// and the replayed headers (a JSON object; rows written before headers were kept have none and read as empty). A row
/// without "StatusCode" is a result row.
/// </summary>
internal static class IdempotencyRows
{
    public const int MaxResponseChunks = 8;

    public static TableEntity ToEntity(IdempotencyRecord r)
    {
        var e = New(Keys.Partner(r.PartnerId), Keys.Idempotency(r.Operation, r.Key), "idempotency");
        e["PartnerId"] = r.PartnerId;
        e["Operation"] = r.Operation;
        e["Key"] = r.Key;
        e["RequestHash"] = r.RequestHash;
        SetChunked(e, "Response", r.ResponseJson, MaxResponseChunks);
        SetTime(e, "CreatedAt", r.CreatedAt);
        if (r.StatusCode is { } status)
        {
            e["StatusCode"] = status;
            e["ResponseHeaders"] = ToJson(r.ResponseHeaders);
        }

        return e;
    }

    public static IdempotencyRecord FromEntity(TableEntity e) => new(
        GetString(e, "PartnerId"),
        GetString(e, "Operation"),
        GetString(e, "Key"),
        GetString(e, "RequestHash"),
        e.GetInt32("StatusCode"),
        GetChunked(e, "Response"),
        GetTime(e, "CreatedAt"),
        e.GetString("ResponseHeaders") is { } headers ? JsonSerializer.Deserialize<Dictionary<string, string>>(headers, Json) : null);
}
