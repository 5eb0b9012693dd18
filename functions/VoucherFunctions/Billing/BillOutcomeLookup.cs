using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Billing;

/// <summary>Query of <c>GET /api/bills/{billId}</c>: whose bill it is. Without either field, the caller's own (partner) bill.</summary>
public sealed class BillOutcomeQuery
{
    /// <summary><c>partner</c> (default) or <c>customer</c>.</summary>
    public PayerKind? PayerKind { get; set; }

    /// <summary>The paying customer, for a customer bill (implies payerKind=customer).</summary>
    public string? CustomerUin { get; set; }
}

/// <summary>The outcome of one of the partner's bills: applied (stored outcome), rejected (the reason), or not found.</summary>
public sealed class BillOutcomeLookup(IBillLedger ledger, IBillRejectionStore rejections)
{
    public async Task<BillOutcomeMessage> GetAsync(string partnerId, string billId, BillOutcomeQuery query, CancellationToken cancellationToken)
    {
        var kind = query.PayerKind ?? (query.CustomerUin is null ? PayerKind.Partner : PayerKind.Customer);
        if (kind == PayerKind.Partner && query.CustomerUin is not null)
        {
            throw UseCaseException.InvalidInput(UseCaseErrorCodes.QueryInvalid, "customerUin names the paying customer of a customer bill; it cannot go with payerKind=partner.", "customerUin");
        }

        var payerId = kind == PayerKind.Partner ? partnerId : query.CustomerUin ?? throw UseCaseException.Required("customerUin");
        var outcome = await ledger.GetOutcomeAsync(partnerId, kind, payerId, billId, cancellationToken);
        if (outcome is not null)
        {
            return BillOutcomeMessage.Applied(outcome);
        }

        var rejection = await rejections.GetAsync(partnerId, kind, payerId, billId, cancellationToken);
        return rejection is not null
            ? BillOutcomeMessage.Rejected(rejection)
            : throw UseCaseException.NotFound(UseCaseErrorCodes.NotFound, kind == PayerKind.Partner
                ? "None of your own bills (payerKind=partner) has that id. A bill a customer pays is found with ?payerKind=customer&customerUin=<the customer's UIN>."
                : $"No bill of customer '{payerId}' (payerKind=customer) has that id. For a bill you pay yourself, leave out customerUin and payerKind.");
    }
}
