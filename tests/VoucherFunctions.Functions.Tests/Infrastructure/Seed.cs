using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.TestSupport;
using VoucherFunctions.Billing;

namespace VoucherFunctions.Functions.Tests.Infrastructure;

/// <summary>
/// Puts into the app's storage what the partner API cannot make itself (product-trial pairs from an approval,
/// expired vouchers, bills): through the same ports the app uses.
/// </summary>
public static class Seed
{
    public static IVoucherStore Vouchers(this AppHostFixture app) => app.Host.Services.GetRequiredService<IVoucherStore>();

    /// <summary>
    /// Charges a customer bill of <paramref name="lines"/> (product, amount) at <paramref name="billTime"/> through the
    /// app's bill processor (the path the bills queue takes); the customer's vouchers pay. Returns the applied outcome.
    /// </summary>
    public static async Task<BillOutcome> BillAsync(this AppHostFixture app, string partnerId, string uin, DateTimeOffset billTime, params (string Product, string Amount)[] lines)
    {
        var bill = Bill.Create(
            "bill-" + Guid.NewGuid().ToString("N")[..10], partnerId, PayerKind.Customer, uin, Currency.USD, billTime,
            lines.Select((l, i) => new BillLine($"line-{i + 1}", l.Product, null, PaymentMode.Postpaid, Money.Parse(l.Amount, Currency.USD))).ToList());
        var result = Assert.Single(await app.Host.Services.GetRequiredService<BillGroupProcessor>().ProcessAsync(partnerId, [bill], CancellationToken.None));
        return Assert.IsType<BillDecision.Applied>(result.Decision).Outcome;
    }

    /// <summary>A Type II voucher in the partner's books and its associated product-trial Type III, as an approval would make them.</summary>
    public static async Task<(string PartnerVoucherId, string CustomerVoucherId)> TrialPairAsync(this AppHostFixture app, string partnerId, string uin)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow;
        var partnerVoucher = Voucher(partnerId, "v2-" + suffix, VoucherType.TypeII, VoucherPurpose.ProductTrial, uin, now, now.AddDays(30)) with
        {
            AssociatedVoucherId = "v3-" + suffix,
            ApplicationId = "app-" + suffix,
            ApplyReason = "trial for a migration",
            FundingParty = FundingParty.Vendor,
        };
        var customerVoucher = Voucher(partnerId, "v3-" + suffix, VoucherType.TypeIII, VoucherPurpose.ProductTrial, uin, now, now.AddDays(30)) with
        {
            AssociatedVoucherId = "v2-" + suffix,
            ApplicationId = "app-" + suffix,
        };
        await app.Vouchers().AddAsync(partnerVoucher);
        await app.Vouchers().AddAsync(customerVoucher);
        return (partnerVoucher.VoucherId, customerVoucher.VoucherId);
    }

    /// <summary>A customer-discount voucher whose validity ended yesterday.</summary>
    public static async Task<string> ExpiredVoucherAsync(this AppHostFixture app, string partnerId, string uin)
    {
        var now = DateTimeOffset.UtcNow;
        var voucher = Voucher(partnerId, "v3d-old-" + Guid.NewGuid().ToString("N")[..8], VoucherType.TypeIII, VoucherPurpose.CustomerDiscount, uin, now.AddDays(-31), now.AddDays(-1));
        await app.Vouchers().AddAsync(voucher);
        return voucher.VoucherId;
    }

    /// <summary>A customer-discount voucher valid over [from, to), e.g. reaching back into earlier months for usage by month.</summary>
    public static async Task<string> VoucherValidAsync(this AppHostFixture app, string partnerId, string uin, DateTimeOffset from, DateTimeOffset to, string amount = "40")
    {
        var voucher = Voucher(partnerId, "v3d-seed-" + Guid.NewGuid().ToString("N")[..8], VoucherType.TypeIII, VoucherPurpose.CustomerDiscount, uin, from, to) with
        {
            Amount = Money.Parse(amount, Currency.USD),
            Balance = Money.Parse(amount, Currency.USD),
        };
        await app.Vouchers().AddAsync(voucher);
        return voucher.VoucherId;
    }

    private static Voucher Voucher(string partnerId, string id, VoucherType type, VoucherPurpose purpose, string uin, DateTimeOffset from, DateTimeOffset to) =>
        TestVouchers.Voucher(partnerId, id, type, uin, 40 * Money.MinorUnitsPerUnit, to, purpose, issued: from, funding: FundingParty.Partner, name: "seeded " + purpose, templateId: null);
}
