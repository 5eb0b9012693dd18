using VoucherFunctions.Domain.Errors;

namespace VoucherFunctions.Billing;

/// <summary>The stable reason codes of a bill refused for good (recorded, and on the poison envelope).</summary>
public static class BillRejectionCodes
{
    /// <summary>The body is not JSON, or a property has the wrong JSON type.</summary>
    public const string Malformed = "bill.malformed";

    /// <summary>The message version is missing or not one this app reads.</summary>
    public const string UnsupportedVersion = "bill.unsupported_version";

    /// <summary>A required field is missing, an id or amount is invalid, a line id repeats, ...</summary>
    public const string Invalid = ErrorCodes.BillInvalid;

    /// <summary>A line states a currency other than the bill's.</summary>
    public const string CurrencyMismatch = "bill.currency_mismatch";

    /// <summary>The partner has no books here (no customers at all).</summary>
    public const string UnknownPartner = "bill.unknown_partner";

    /// <summary>The customer UIN is not a customer of the partner.</summary>
    public const string UnknownCustomer = "bill.unknown_customer";

    /// <summary>The bill id was already applied for this payer with other content; the first one stands.</summary>
    public const string ConflictingDuplicate = ErrorCodes.BillConflictingDuplicate;

    /// <summary>The bill's effects exceed one atomic write.</summary>
    public const string TooLarge = ErrorCodes.BillTooLarge;
}
