using System.Globalization;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ids;

namespace VoucherFunctions.Storage;

/// <summary>
/// Partition and row keys. Every id is validated (<see cref="Ids.Validate"/>) before it reaches a key,
/// then escaped so the separator '|' cannot occur inside a segment: '%' becomes "%25" and '|' "%7C".
/// That keeps prefixes exact (voucher "a" never matches the usage rows of voucher "a|b") and keeps
/// partner partitions ("p|…") apart from system partitions ("sys|…").
/// </summary>
public static class Keys
{
    /// <summary>Azure limits keys to 1 KiB.</summary>
    public const int MaxKeyLength = 1024;

    public const string ReviewQueuePartition = "sys|reviewqueue";
    public const string VendorPartition = "sys|vendor";

    public const string VoucherPrefix = "voucher|";
    public const string UsagePrefix = "usage|";
    public const string BillPrefix = "bill|";
    public const string BillRejectionPrefix = "billrej|";
    public const string TemplatePrefix = "tmpl|";
    public const string ApplicationPrefix = "app|";
    public const string CustomerPrefix = "cust|";
    public const string QuotaPrefix = "quota|";
    public const string QuotaIndexPrefix = "quotaidx|";
    public const string IdempotencyPrefix = "idem|";
    public const string ProductPrefix = "product|";
    public const string SettingsRow = "settings";

    /// <summary>Marks a partner partition whose vouchers are in the payer-keyed layout (<see cref="VoucherLayoutMigration"/>).</summary>
    public const string VoucherLayoutRow = "layout|vouchers";
    public const string BlocklistRow = "blocklist";

    public static string Partner(string partnerId) => Check("p|" + Segment(partnerId, "partner id"));

    /// <summary>The voucher's id → row pointer (<see cref="VoucherKeys"/>); before the payer-keyed layout, the voucher itself.</summary>
    public static string Voucher(string voucherId) => Check(VoucherPrefix + Segment(voucherId, "voucher id"));

    public static string UsagePrefixOf(string voucherId) => Check(UsagePrefix + Segment(voucherId, "voucher id") + "|");

    public static string UsageMonthStart(string voucherId, DateTimeOffset instant) => UsagePrefixOf(voucherId) + Ticks(instant);

    public static string Usage(string voucherId, DateTimeOffset billTime, string billId, string lineId) =>
        Check(UsagePrefixOf(voucherId) + Ticks(billTime) + "|" + Segment(billId, "bill id") + "|" + Segment(lineId, "line id"));

    public static string Bill(PayerKind payerKind, string payerId, string billId) =>
        Check(BillPrefix + payerKind + "|" + Segment(payerId, "payer id") + "|" + Segment(billId, "bill id"));

    /// <summary>The record of a bill refused without effect (its reason); kept apart from the marker so a corrected redelivery can still apply.</summary>
    public static string BillRejection(PayerKind payerKind, string payerId, string billId) =>
        Check(BillRejectionPrefix + payerKind + "|" + Segment(payerId, "payer id") + "|" + Segment(billId, "bill id"));

    public static string Template(string templateId) => Check(TemplatePrefix + Segment(templateId, "template id"));

    public static string Application(string applicationId) => Check(ApplicationPrefix + Segment(applicationId, "application id"));

    public static string Customer(string uin) => Check(CustomerPrefix + Segment(uin, "customer UIN"));

    /// <summary>The pool row, in the reseller's partition.</summary>
    public static string Quota(string distributorId) => Check(QuotaPrefix + Segment(distributorId, "distributor id"));

    /// <summary>The index row, in the distributor's partition.</summary>
    public static string QuotaIndex(string resellerId) => Check(QuotaIndexPrefix + Segment(resellerId, "reseller id"));

    public static string Idempotency(string operation, string key) =>
        Check(IdempotencyPrefix + Segment(operation, "idempotency operation") + "|" + Segment(key, "idempotency key"));

    public static string Product(string code) => Check(ProductPrefix + Segment(code, "product code"));

    /// <summary>Reviewer queue row: oldest submission first, then partner and application for uniqueness.</summary>
    public static string ReviewQueueRow(DateTimeOffset submittedAt, string partnerId, string applicationId) =>
        Check(Ticks(submittedAt) + "|" + Segment(partnerId, "partner id") + "|" + Segment(applicationId, "application id"));

    /// <summary>Fixed-width UTC ticks, so string order is time order.</summary>
    public static string Ticks(DateTimeOffset instant) => instant.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The first string after every string that starts with <paramref name="prefix"/>.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    public static string Segment(string id, string what) =>
        Ids.Validate(id, what).Replace("%", "%25", StringComparison.Ordinal).Replace("|", "%7C", StringComparison.Ordinal);

    public static string Unsegment(string segment) =>
        segment.Replace("%7C", "|", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);

    private static string Check(string key) =>
        key.Length <= MaxKeyLength ? key : throw new DomainException(ErrorCodes.IdInvalid, "The ids are too long to form a storage key.");
}
