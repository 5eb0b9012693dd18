using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Ids;

namespace VoucherFunctions.Storage;

/// <summary>
/// A bill refused without effect: why (a stable code and a message) and when. Kept per payer and bill id
/// beside the bill markers, so the outcome of a bill can also say "rejected: reason".
/// </summary>
public sealed record BillRejection
{
    public BillRejection(string partnerId, PayerKind payerKind, string payerId, string billId, string code, string message, DateTimeOffset rejectedAt, string? contentHash)
    {
        PartnerId = Ids.Validate(partnerId, "partner id");
        PayerKind = payerKind;
        PayerId = Ids.Validate(payerId, "payer id");
        BillId = Ids.Validate(billId, "bill id");
        Code = code ?? throw new ArgumentNullException(nameof(code));
        Message = message ?? throw new ArgumentNullException(nameof(message));
        RejectedAt = rejectedAt.ToUniversalTime();
        ContentHash = contentHash;
    }

    public string PartnerId { get; }

    public PayerKind PayerKind { get; }

    public string PayerId { get; }

    public string BillId { get; }

    public string Code { get; }

    public string Message { get; }

    public DateTimeOffset RejectedAt { get; }

    /// <summary>The fingerprint of the refused content, when it parsed into a bill.</summary>
    public string? ContentHash { get; }
}

/// <summary>Rejections of bills. Recording is idempotent: the first rejection of a (payer, bill id) stands.</summary>
public interface IBillRejectionStore
{
    Task RecordAsync(BillRejection rejection, CancellationToken cancellationToken = default);

    Task<BillRejection?> GetAsync(string partnerId, PayerKind payerKind, string payerId, string billId, CancellationToken cancellationToken = default);
}
