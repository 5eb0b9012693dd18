using System.Text.Json;
using Azure.Data.Tables;
using VoucherFunctions.Domain.Ports;
using static VoucherFunctions.Storage.Rows.RowValues;

namespace VoucherFunctions.Storage.Rows;

/// <summary>
/// An Idempotency-Key row: PK = partner, RK = "idem|{operation}|{key}"; inserted, never replaced. The
/// replayed headers are a JSON object; rows written before they were kept have none and read as empty.
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
        e["StatusCode"] = r.StatusCode;
        SetChunked(e, "Response", r.ResponseJson, MaxResponseChunks);
        SetTime(e, "CreatedAt", r.CreatedAt);
        e["ResponseHeaders"] = ToJson(r.ResponseHeaders);
        return e;
    }

    public static IdempotencyRecord FromEntity(TableEntity e) => new(
        GetString(e, "PartnerId"),
        GetString(e, "Operation"),
        GetString(e, "Key"),
        GetString(e, "RequestHash"),
        e.GetInt32("StatusCode") ?? 0,
        GetChunked(e, "Response"),
        GetTime(e, "CreatedAt"),
        e.GetString("ResponseHeaders") is { } headers ? JsonSerializer.Deserialize<Dictionary<string, string>>(headers, Json) : null);
}
