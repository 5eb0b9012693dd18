namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Ids;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;

/// <summary>
/// Filter for listing one partner's vouchers. <see cref="PartnerId"/> is always required (tenant
/// isolation: a query never leaves one partner's books). Every other field narrows the list; null
/// means "any". <see cref="PaymentMode"/> keeps vouchers whose scope admits that mode (All included).
/// The expiry range is half-open: <c>ExpiresFrom &lt;= ExpiresAt &lt; ExpiresBefore</c>.
/// </summary>
public sealed record VoucherQuery
{
    public VoucherQuery(string partnerId) => PartnerId = Ids.Validate(partnerId, "partner id");

    public string PartnerId { get; }

    public VoucherType? Type { get; init; }

    /// <summary>Any of these types (e.g. the partner vouchers: Type I and Type II); empty or null means any.</summary>
    public IReadOnlyCollection<VoucherType>? Types { get; init; }

    public VoucherPurpose? Purpose { get; init; }

    /// <summary>The stored status. "Expired" as seen by callers may also mean Active past expiry; combine with the expiry range for that view.</summary>
    public VoucherStatus? Status { get; init; }

    public string? CustomerUin { get; init; }

    public string? ApplicationId { get; init; }

    public string? AssociatedVoucherId { get; init; }

    public PaymentMode? PaymentMode { get; init; }

    public ProductScopeKind? ProductScopeKind { get; init; }

    public DateTimeOffset? ExpiresFrom { get; init; }

    public DateTimeOffset? ExpiresBefore { get; init; }
}
