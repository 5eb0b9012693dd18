using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ids;
using VoucherFunctions.Domain.Money;

namespace VoucherFunctions.Billing;

/// <summary>Who a bill is addressed to, when a message says so validly (also for a message refused for another reason).</summary>
public sealed record BillIdentity(string PartnerId, PayerKind PayerKind, string PayerId, string BillId);

/// <summary>A message read into a valid domain bill, or the reason it cannot be one (with the identity when known).</summary>
public sealed record BillRead(Bill? Bill, BillIdentity? Identity, string? RejectionCode, string? RejectionMessage)
{
    /// <summary>The message's W3C trace context, when it carried one (whether the bill is valid or not).</summary>
    public string? TraceParent { get; init; }

    public string? TraceState { get; init; }

    public static BillRead Valid(Bill bill) => new(bill, new BillIdentity(bill.PartnerId, bill.PayerKind, bill.PayerId, bill.BillId), null, null);

    public static BillRead Refused(BillIdentity? identity, string code, string message) => new(null, identity, code, message);
}

/// <summary>Reads a <see cref="BillMessageV1"/> body and maps it to a domain <see cref="Bill"/>, refusing anything malformed whole.</summary>
public static partial class BillMessageReader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        AllowTrailingCommas = false,
    };

    public static BillRead Read(BinaryData body) => Read<BillMessageV1>(body).Read;

    /// <summary>
    /// Reads a message of type <typeparamref name="TMessage"/> (the v1 bill, or a request extending it) with the same
    /// rules and codes; the message itself is returned too (null when the body is not one), for its extra fields.
    /// </summary>
    public static (BillRead Read, TMessage? Message) Read<TMessage>(BinaryData body)
        where TMessage : BillMessageV1
    {
        ArgumentNullException.ThrowIfNull(body);
        TMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<TMessage>(body.ToMemory().Span, Json);
        }
        catch (JsonException e)
        {
            return (BillRead.Refused(null, BillRejectionCodes.Malformed, "The body is not a JSON bill message: " + e.Message), null);
        }

        if (message is null)
        {
            return (BillRead.Refused(null, BillRejectionCodes.Malformed, "The body is JSON null."), null);
        }

        return (ReadBill(message) with { TraceParent = message.Traceparent, TraceState = message.Tracestate }, message);
    }

    /// <summary>
    /// Whether the trace fields are absent or within the W3C Trace Context limits (a version-00 traceparent is exactly
    /// 55 characters; tracestate at most 512). The queue ignores a malformed one, as W3C asks (the bill starts a new
    /// trace); the explain API refuses it like any other malformed field.
    /// </summary>
    public static bool IsTraceContext(string? traceParent, string? traceState) =>
        (traceState is null || (traceState.Length <= 512 && traceState.All(c => c is >= ' ' and <= '~')))
        && (traceParent is null || (traceParent.Length == 55 && System.Diagnostics.ActivityContext.TryParse(traceParent, traceState, out _)));

    private static BillRead ReadBill(BillMessageV1 message)
    {
        var identity = IdentityOf(message);
        if (message.Version != BillMessageV1.CurrentVersion)
        {
            return BillRead.Refused(identity, BillRejectionCodes.UnsupportedVersion, $"The message version must be {BillMessageV1.CurrentVersion}.");
        }

        try
        {
            return BillRead.Valid(ToBill(message));
        }
        catch (DomainException e)
        {
            var code = e.Code == ErrorCodes.CurrencyMismatch ? BillRejectionCodes.CurrencyMismatch : BillRejectionCodes.Invalid;
            return BillRead.Refused(identity, code, e.Message);
        }
    }

    private static Bill ToBill(BillMessageV1 m)
    {
        var payerKind = ParsePayerKind(Required(m.PayerKind, "payerKind"));
        var currency = Currency.Of(Required(m.Currency, "currency"));
        var billTime = ParseTime(Required(m.BillTime, "billTime"));
        var lines = (m.Lines ?? throw Invalid("'lines' is required.")).Select((line, i) => ToLine(line ?? throw Invalid($"Line {i} is null."), i, currency)).ToArray();
        return Bill.Create(Required(m.BillId, "billId"), Required(m.PartnerId, "partnerId"), payerKind, Required(m.CustomerUin, "customerUin"), currency, billTime, lines);
    }

    private static BillLine ToLine(BillLineMessageV1 line, int index, Currency billCurrency)
    {
        var what = $"lines[{index}]";
        if (line.Currency is not null && !string.Equals(Currency.Of(line.Currency).Code, billCurrency.Code, StringComparison.Ordinal))
        {
            throw new DomainException(ErrorCodes.CurrencyMismatch, $"{what} is in {line.Currency}, the bill in {billCurrency.Code}.");
        }

        var mode = Required(line.PaymentMode, what + ".paymentMode").ToLowerInvariant() switch
        {
            "prepaid" => PaymentMode.Prepaid,
            "postpaid" => PaymentMode.Postpaid,
            _ => throw Invalid($"{what}.paymentMode must be 'prepaid' or 'postpaid'."),
        };
        return new BillLine(Required(line.LineId, what + ".lineId"), Required(line.ProductCode, what + ".productCode"), line.SubProductCode, mode, Money.Parse(Required(line.Amount, what + ".amount"), billCurrency));
    }

    private static PayerKind ParsePayerKind(string value) => value.ToLowerInvariant() switch
    {
        "customer" => PayerKind.Customer,
        "partner" => PayerKind.Partner,
        _ => throw Invalid("payerKind must be 'customer' or 'partner'."),
    };

    private static DateTimeOffset ParseTime(string value) =>
        ExplicitOffset().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.ToUniversalTime()
            : throw Invalid("billTime must be an ISO 8601 instant with an offset, e.g. 2025-03-10T08:30:00Z.");

    private static BillIdentity? IdentityOf(BillMessageV1 m)
    {
        if (!Ids.IsValid(m.BillId) || !Ids.IsValid(m.PartnerId) || !Ids.IsValid(m.CustomerUin) || m.PayerKind is null)
        {
            return null;
        }

        try
        {
            var kind = ParsePayerKind(m.PayerKind);
            return new BillIdentity(m.PartnerId!, kind, kind == PayerKind.Customer ? m.CustomerUin! : m.PartnerId!, m.BillId!);
        }
        catch (DomainException)
        {
            return null;
        }
    }

    private static string Required(string? value, string field) => value ?? throw Invalid($"'{field}' is required.");

    private static DomainException Invalid(string message) => new(ErrorCodes.BillInvalid, message);

    [GeneratedRegex(@"T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex ExplicitOffset();
}
