using Azure.Data.Tables;
using VoucherFunctions.Domain.ApiKeys;
using VoucherFunctions.Domain.Ports;
using static VoucherFunctions.Storage.Rows.RowValues;

namespace VoucherFunctions.Storage.ApiKeys;

/// <summary>
/// A partner API key: row "apikey|{secretId}" in its partner's partition. Its SecretId pointer, row
/// "{secretId}" in <see cref="PointerPartition"/>, names the partner so a request can be verified from the
/// SecretId alone; the pointer never changes after creation.
/// </summary>
internal static class ApiKeyRows
{
    public const string Kind = "apikey";
    public const string Prefix = "apikey|";
    public const string PointerPartition = "sys|apikeys";

    public static string Row(string secretId) => Prefix + Keys.Segment(secretId, "SecretId");

    public static string PointerRow(string secretId) => Keys.Segment(secretId, "SecretId");

    public static TableEntity ToEntity(ApiKey key)
    {
        var e = New(Keys.Partner(key.PartnerId), Row(key.SecretId), Kind);
        e["SecretId"] = key.SecretId;
        e["PartnerId"] = key.PartnerId;
        e["Role"] = key.Role.ToString();
        e["CustomerUin"] = key.CustomerUin;
        e["DistributorId"] = key.DistributorId;
        e["Name"] = key.Name;
        e["ProtectedSecretKey"] = key.ProtectedSecretKey.ToArray();
        e["CreatedBy"] = key.CreatedBy;
        SetTime(e, "CreatedAt", key.CreatedAt);
        e["Status"] = key.Status.ToString();
        SetTime(e, "DisabledAt", key.DisabledAt);
        return e;
    }

    public static TableEntity Pointer(ApiKey key) =>
        New(PointerPartition, PointerRow(key.SecretId), "apikeyptr").Also(e => e["PartnerId"] = key.PartnerId);

    public static Versioned<ApiKey> Versioned(TableEntity e) => new(new ApiKey
    {
        SecretId = GetString(e, "SecretId"),
        PartnerId = GetString(e, "PartnerId"),
        Role = GetEnum<ApiKeyRole>(e, "Role"),
        CustomerUin = e.GetString("CustomerUin"),
        DistributorId = e.GetString("DistributorId"),
        Name = GetString(e, "Name"),
        ProtectedSecretKey = e.GetBinary("ProtectedSecretKey") ?? throw new InvalidOperationException($"Row {e.RowKey} has no ProtectedSecretKey."),
        CreatedBy = GetString(e, "CreatedBy"),
        CreatedAt = GetTime(e, "CreatedAt"),
        Status = GetEnum<ApiKeyStatus>(e, "Status"),
        DisabledAt = GetTimeOrNull(e, "DisabledAt"),
    }, e.ETag.ToString());

    private static TableEntity Also(this TableEntity e, Action<TableEntity> set)
    {
        set(e);
        return e;
    }
}
