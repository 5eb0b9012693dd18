using VoucherFunctions.Application.Common;
using VoucherFunctions.Billing;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Application.Bills;

/// <summary>
/// Explains a bill before it is charged (a dry run): the bill is read exactly as the bills queue reads it (same limits,
/// same reason codes), the payer's vouchers are read with the bill's own candidate queries over the payer's whole ranges,
/// and <see cref="DeductionEngine.Explain"/>, the engine's own deduction, says what would pay, in which order and by
/// which rule, and why every other voucher would not. Nothing is written. A bill id already applied answers its stored outcome.
/// </summary>
public sealed class BillExplainService(IBillLedger ledger, IPartnerSettingsStore settingsStore, CustomerDirectory customers, TimeProvider clock)
{
    /// <summary>A partner's bill (either payer kind), optionally under other settings.</summary>
    public async Task<BillExplanationDto> ExplainForPartnerAsync(string partnerId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var (read, message) = BillMessageReader.Read<BillExplainRequest>(new BinaryData(body));
        var bill = Accepted(read, partnerId);
        return await ExplainAsync(bill, message!.Settings?.AssociatedFirst, partnerView: true, cancellationToken);
    }

    /// <summary>A customer's own bill (payerKind customer, its UIN), without the partner's private fields.</summary>
    public async Task<BillExplanationDto> ExplainForCustomerAsync(string partnerId, string customerUin, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var bill = Accepted(BillMessageReader.Read(new BinaryData(body)), partnerId);
        if (bill.PayerKind != PayerKind.Customer || !string.Equals(bill.CustomerUin, customerUin, StringComparison.Ordinal))
        {
            throw UseCaseException.NotFound(UseCaseErrorCodes.NotFound, "You can explain only your own bills: payerKind customer and your customer UIN.");
        }

        return await ExplainAsync(bill, null, partnerView: false, cancellationToken);
    }

    /// <summary>A malformed bill is a 400 with the code its poison envelope would carry; another partner's bill a 404.</summary>
    private static Bill Accepted(BillRead read, string partnerId)
    {
        if (read.Bill is null)
        {
            throw UseCaseException.InvalidInput(read.RejectionCode!, read.RejectionMessage!);
        }

        if (!BillMessageReader.IsTraceContext(read.TraceParent, read.TraceState))
        {
            throw UseCaseException.InvalidInput(BillRejectionCodes.Invalid, "'traceparent' must be a W3C traceparent (55 characters) and 'tracestate' at most 512 printable ASCII characters.");
        }

        return read.Bill.PartnerId == partnerId
            ? read.Bill
            : throw UseCaseException.NotFound(UseCaseErrorCodes.NotFound, "partnerId must be your own partner id; no such partner's customer was found.");
    }

    private async Task<BillExplanationDto> ExplainAsync(Bill bill, bool? associatedFirst, bool partnerView, CancellationToken cancellationToken)
    {
        var payer = (await customers.CheckAsync(bill.PartnerId, [bill.CustomerUin], cancellationToken))[bill.CustomerUin];
        if (payer != PayerCheck.Known)
        {
            throw UseCaseException.NotFound(payer == PayerCheck.UnknownPartner ? BillRejectionCodes.UnknownPartner : BillRejectionCodes.UnknownCustomer, $"'{bill.CustomerUin}' is not one of your customers.");
        }

        // The marker point read, the payer's ranges and the settings, at once: three round trips' worth of calls in one's time.
        var stored = ledger.GetOutcomeAsync(bill.PartnerId, bill.PayerKind, bill.PayerId, bill.BillId, cancellationToken);
        var vouchers = ledger.FindPayerVouchersAsync(bill, cancellationToken);
        var settings = associatedFirst is { } on
            ? Task.FromResult(PartnerSettings.Default(bill.PartnerId) with { AssociatedVouchersDeductedFirst = on })
            : ReadSettingsAsync(bill.PartnerId, cancellationToken);
        await Task.WhenAll(stored, vouchers, settings);
        if (await stored is { } outcome)
        {
            return Header(bill, StatusAlreadyApplied) with
            {
                StoredOutcome = BillOutcomeMessage.Applied(outcome),
                SameContent = string.Equals(outcome.ContentHash, BillFingerprint.Of(bill), StringComparison.Ordinal),
            };
        }

        var read = await vouchers;
        var explanation = DeductionEngine.Explain(bill, read.Select(v => v.Value).ToArray(), await settings, clock.GetUtcNow());
        var operations = TableBillLedger.Operations(read, explanation.Result);
        if (operations > EntityGroupTransaction.MaxOperations)
        {
            throw TableBillLedger.TooLarge(bill, $"{operations} storage operations");
        }

        var types = read.ToDictionary(v => v.Value.VoucherId, v => v.Value.Type, StringComparer.Ordinal);
        VoucherType? TypeOf(string id) => partnerView ? types[id] : null;
        var result = explanation.Result;
        return Header(bill, StatusExplained) with
        {
            AssociatedFirst = partnerView ? explanation.AssociatedFirst : null,
            SettingsSource = partnerView ? (associatedFirst is null ? "partner" : "request") : null,
            Lines = bill.Lines.Select((line, i) =>
            {
                var explained = explanation.Lines[i];
                return new LineExplanationDto(
                    line.LineId,
                    line.ProductCode,
                    line.SubProductCode,
                    line.PaymentMode,
                    line.Amount.ToString(),
                    explained.Allocations.Select(a => new ExplainedAllocationDto(
                        a.VoucherId, TypeOf(a.VoucherId), a.Amount.ToString(), a.BalanceBefore.ToString(), a.PlacedBefore, a.Rule is { } rule ? BillExplanationWords.Of(rule, partnerView) : null)).ToArray(),
                    explained.Unused.Select(u => new NotUsedVoucherDto(
                        u.VoucherId,
                        TypeOf(u.VoucherId),
                        u.Ineligible is { } reason ? BillExplanationWords.Of(reason) : BillExplanationWords.NotNeeded,
                        u.OutrankedBy,
                        u.Rule is { } rule ? BillExplanationWords.Of(rule, partnerView) : null)).ToArray(),
                    explained.RemainingPayable.ToString());
            }).ToArray(),
            TotalAmount = result.TotalAmount.ToString(),
            TotalAllocated = result.TotalAllocated.ToString(),
            TotalRemainingPayable = result.TotalRemainingPayable.ToString(),
        };
    }

    private const string StatusExplained = BillExplanationDto.StatusExplained;
    private const string StatusAlreadyApplied = BillExplanationDto.StatusAlreadyApplied;

    private async Task<PartnerSettings> ReadSettingsAsync(string partnerId, CancellationToken cancellationToken) =>
        (await settingsStore.GetAsync(partnerId, cancellationToken)).Settings;

    private static BillExplanationDto Header(Bill bill, string status) => new()
    {
        Status = status,
        BillId = bill.BillId,
        PayerKind = bill.PayerKind,
        CustomerUin = bill.CustomerUin,
        Currency = bill.Currency.Code,
        BillTime = bill.BillTime,
    };
}
