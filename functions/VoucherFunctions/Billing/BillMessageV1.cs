using System.Text.Json.Serialization;
using VoucherFunctions.Serialization;

namespace VoucherFunctions.Billing;

/// <summary>
/// A bill as the billing pipeline sends it on the <c>bills</c> queue (JSON, base64-encoded body), version 1.
/// Amounts are decimal strings (or JSON numbers, read digit for digit) in the bill currency, up to 8
/// fraction digits; times are ISO 8601 with an explicit offset. Unknown properties are refused.
/// Not sealed: a request that carries a bill plus options (explain) extends it, so both read alike.
/// </summary>
public record BillMessageV1
{
    public const int CurrentVersion = 1;

    public int? Version { get; init; }

    /// <summary>Unique per payer; the idempotency key.</summary>
    public string? BillId { get; init; }

    public string? PartnerId { get; init; }

    /// <summary><c>customer</c> (an end customer paying its partner) or <c>partner</c> (the partner paying the vendor for that customer's consumption).</summary>
    public string? PayerKind { get; init; }

    public string? CustomerUin { get; init; }

    /// <summary>ISO 4217 code, e.g. USD.</summary>
    public string? Currency { get; init; }

    /// <summary>When the consumption happened, e.g. 2025-03-10T08:30:00Z.</summary>
    public string? BillTime { get; init; }

    public IReadOnlyList<BillLineMessageV1?>? Lines { get; init; }

    /// <summary>
    /// Optional W3C trace context of the producer (<c>00-{trace id}-{span id}-{flags}</c>): the bill's span continues that
    /// trace. Not part of the bill: it is not in the content hash, and an invalid value only starts a new trace.
    /// </summary>
    public string? Traceparent { get; init; }

    /// <summary>Optional W3C <c>tracestate</c> that goes with <see cref="Traceparent"/>.</summary>
    public string? Tracestate { get; init; }
}

/// <summary>One line of a <see cref="BillMessageV1"/>.</summary>
public sealed record BillLineMessageV1
{
    public string? LineId { get; init; }

    public string? ProductCode { get; init; }

    public string? SubProductCode { get; init; }

    /// <summary><c>prepaid</c> or <c>postpaid</c>.</summary>
    public string? PaymentMode { get; init; }

    [JsonConverter(typeof(AmountTextConverter))]
    public string? Amount { get; init; }

    /// <summary>Optional; when given it must equal the bill currency.</summary>
    public string? Currency { get; init; }
}
