namespace VoucherFunctions.Domain.Vouchers;

using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Scopes;

/// <summary>
/// A voucher of any type. Immutable: every change returns a new instance, which storage persists
/// with optimistic concurrency. Create vouchers through <see cref="VoucherFactory"/>; the init
/// properties exist so storage can rehydrate them.
/// <para>
/// Validity window: a voucher can pay for a bill whose bill time t satisfies
/// <c>EffectiveFrom &lt;= t &lt; ExpiresAt</c>. The end is exclusive, so a bill at exactly
/// <see cref="ExpiresAt"/> is not covered (a 30-day voucher covers 30 whole days, not 30 days and an instant).
/// </para>
/// </summary>
public sealed record Voucher
{
    public required string VoucherId { get; init; }

    /// <summary>
    /// The vendor API's integer voucher id: allocated once by storage when the voucher is first written
    /// (unique within its partner's books, never reused), null until then. Our string <see cref="VoucherId"/>
    /// stays the id everywhere else.
    /// </summary>
    public long? NumericId { get; init; }

    /// <summary>The partner whose books the voucher lives in: for Type I/II the partner paying the vendor; for Type III the partner the customer pays.</summary>
    public required string PartnerId { get; init; }

    public required VoucherType Type { get; init; }

    public required VoucherPurpose Purpose { get; init; }

    public required FundingParty FundingParty { get; init; }

    /// <summary>The distributor bearing the cost when <see cref="FundingParty"/> is <see cref="Vouchers.FundingParty.Distributor"/>.</summary>
    public string? DistributorId { get; init; }

    /// <summary>The customer the voucher is for; null for Type I.</summary>
    public string? CustomerUin { get; init; }

    public string? TemplateId { get; init; }

    /// <summary>The Type II application the voucher came from (Type II and its associated Type III).</summary>
    public string? ApplicationId { get; init; }

    /// <summary>Type II → its Type III, and Type III (product trial) → its Type II.</summary>
    public string? AssociatedVoucherId { get; init; }

    public required string Name { get; init; }

    public string? Note { get; init; }

    public string? ApplyReason { get; init; }

    /// <summary>Face value.</summary>
    public required Money Amount { get; init; }

    /// <summary>What can still be deducted. Never negative; zero once exhausted, withdrawn or invalidated.</summary>
    public required Money Balance { get; init; }

    /// <summary>Balance removed by withdrawal or invalidation, kept so that used = amount − balance − withdrawn stays true history.</summary>
    public required Money WithdrawnAmount { get; init; }

    public Currency Currency => Amount.Currency;

    /// <summary>What bills have actually consumed.</summary>
    public Money UsedAmount => Amount - Balance - WithdrawnAmount;

    public bool IsUnused => UsedAmount.IsZero;

    public required ProductScope ProductScope { get; init; }

    public required PaymentModeScope PaymentModeScope { get; init; }

    /// <summary>The vendor blocklist as it was when the voucher took effect.</summary>
    public required ProductSet FrozenBlocklist { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public required DateTimeOffset EffectiveFrom { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required VoucherStatus Status { get; init; }

    public required DateTimeOffset StatusChangedAt { get; init; }

    /// <summary>
    /// What bills consumed per month of their bill time, kept by <see cref="Deduct"/> (so it commits with the usage rows).
    /// Null for a voucher stored before this was kept, whose usage before then only its usage records know.
    /// </summary>
    public MonthlyUsage? UsageByMonth { get; init; } = MonthlyUsage.Empty;
    /// <summary>When <c>voucher.expiring_soon</c> was announced (<see cref="AnnounceExpiry"/>); null until then. Announced once per voucher.</summary>
    public DateTimeOffset? ExpiryNoticeAt { get; init; }

    public bool IsWithinValidity(DateTimeOffset t) => EffectiveFrom <= t && t < ExpiresAt;

    public bool IsExpiredAt(DateTimeOffset t) => t >= ExpiresAt;

    /// <summary>The stored status, with an active voucher whose validity has ended seen as expired (storage may not have swept it yet).</summary>
    public VoucherStatus StatusAt(DateTimeOffset now) =>
        Status == VoucherStatus.Active && IsExpiredAt(now) ? VoucherStatus.Expired : Status;

    /// <summary>Scope admits the product and the frozen blocklist does not name it (product or sub-product).</summary>
    public bool CoversProduct(ProductRef product) => ProductScope.Admits(product) && !FrozenBlocklist.Matches(product);

    public bool CoversPaymentMode(PaymentMode mode) => PaymentModeScope.Admits(mode);

    /// <summary>
    /// Whether the voucher can pay for consumption at bill time <paramref name="billTime"/>: it was not
    /// withdrawn or invalidated, has balance, and the bill time lies in its validity window. A status of
    /// Expired set by a sweep does not stop a late-arriving bill from before the expiry: the window decides.
    /// </summary>
    public bool CanPayAt(DateTimeOffset billTime) =>
        Status is VoucherStatus.Active or VoucherStatus.Expired && Balance.IsPositive && IsWithinValidity(billTime);

    /// <summary>
    /// Takes <paramref name="amount"/> off the balance for consumption at <paramref name="billTime"/>.
    /// Reaching zero makes the voucher Exhausted at <paramref name="now"/>.
    /// </summary>
    public Voucher Deduct(Money amount, DateTimeOffset billTime, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(amount);
        amount.EnsureCurrency(Currency, "deduction").EnsurePositive("deduction");
        Guard.That(CanPayAt(billTime), ErrorCodes.VoucherNotUsable, $"Voucher '{VoucherId}' cannot pay for consumption at {billTime:O} (status {Status}, balance {Balance}).");
        Guard.That(amount <= Balance, ErrorCodes.VoucherInsufficientBalance, $"Voucher '{VoucherId}' has {Balance} left, less than {amount}.");
        var balance = Balance - amount;
        var used = this with { Balance = balance, UsageByMonth = UsageByMonth?.Add(billTime, amount) };
        return balance.IsZero
            ? used with { Status = VoucherStatus.Exhausted, StatusChangedAt = now.ToUniversalTime() }
            : used;
    }

    /// <summary>
    /// Direct withdrawal by the partner: only a customer-discount Type III that is still active, unused
    /// and unexpired. Irreversible. Product-trial customer vouchers are withdrawn only by invalidating
    /// their Type II (<see cref="VoucherInvalidation"/>).
    /// </summary>
    public Voucher Withdraw(DateTimeOffset now)
    {
        Guard.That(
            !(Type == VoucherType.TypeIII && Purpose == VoucherPurpose.ProductTrial),
            ErrorCodes.VoucherProductTrialNotWithdrawable,
            $"Voucher '{VoucherId}' is a product-trial customer voucher; invalidate its partner voucher '{AssociatedVoucherId}' instead.");
        Guard.That(
            Type == VoucherType.TypeIII && Purpose == VoucherPurpose.CustomerDiscount,
            ErrorCodes.VoucherNotWithdrawable,
            $"Voucher '{VoucherId}' is not a customer-discount voucher; only those can be withdrawn.");
        Guard.That(StatusAt(now) == VoucherStatus.Active, ErrorCodes.VoucherNotWithdrawable, $"Voucher '{VoucherId}' is {StatusAt(now)}; only an active, unexpired voucher can be withdrawn.");
        Guard.That(IsUnused, ErrorCodes.VoucherNotWithdrawable, $"Voucher '{VoucherId}' has been used ({UsedAmount}); only an unused voucher can be withdrawn.");
        return RemoveBalance(VoucherStatus.Withdrawn, now);
    }

    /// <summary>
    /// Invalidates a Type I or Type II voucher: irreversible, no approval. Allowed from any status but
    /// Withdrawn (exhausted or expired included, since the associated Type III may still hold balance).
    /// Idempotent on an already invalidated voucher so a retried cascade can complete.
    /// Use <see cref="VoucherInvalidation.Invalidate"/> to also withdraw the associated Type III.
    /// </summary>
    public Voucher Invalidate(DateTimeOffset now)
    {
        Guard.That(Type is VoucherType.TypeI or VoucherType.TypeII, ErrorCodes.VoucherNotInvalidatable, $"Voucher '{VoucherId}' is a customer voucher; customer vouchers are withdrawn, not invalidated.");
        if (Status == VoucherStatus.Invalidated)
        {
            return this;
        }

        Guard.That(Status != VoucherStatus.Withdrawn, ErrorCodes.VoucherNotInvalidatable, $"Voucher '{VoucherId}' is withdrawn.");
        return RemoveBalance(VoucherStatus.Invalidated, now);
    }

    /// <summary>Records the end of validity. Returns the voucher unchanged unless it is Active and past <see cref="ExpiresAt"/>.</summary>
    public Voucher ExpireIfDue(DateTimeOffset now) =>
        Status == VoucherStatus.Active && IsExpiredAt(now) ? this with { Status = VoucherStatus.Expired, StatusChangedAt = ExpiresAt } : this;

    /// <summary>
    /// Records the expiry notice of an active voucher whose end is near (the sweep decides how near). Unchanged when it
    /// was announced already, or when the voucher can no longer be used (ended, or past its expiry): nothing to warn about.
    /// </summary>
    public Voucher AnnounceExpiry(DateTimeOffset now) =>
        Status == VoucherStatus.Active && ExpiryNoticeAt is null && !IsExpiredAt(now) ? this with { ExpiryNoticeAt = now.ToUniversalTime() } : this;

    /// <summary>The withdrawal half of an invalidation cascade: an active Type III loses its unused balance.</summary>
    internal Voucher WithdrawBecauseAssociatedInvalidated(DateTimeOffset now) =>
        Status == VoucherStatus.Active ? RemoveBalance(VoucherStatus.Withdrawn, now) : this;

    private Voucher RemoveBalance(VoucherStatus status, DateTimeOffset now) => this with
    {
        WithdrawnAmount = WithdrawnAmount + Balance,
        Balance = Money.Zero(Currency),
        Status = status,
        StatusChangedAt = now.ToUniversalTime(),
    };
}
