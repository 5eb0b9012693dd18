using VoucherFunctions.Application.Common;
using VoucherFunctions.Application.Usage;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Application.CustomerPortal;

/// <summary>The end customer's read-only view: its own customer vouchers and their usage, nothing else.</summary>
public sealed class CustomerPortalService(IVoucherStore vouchers, UsageService usage, TimeProvider clock)
{
    public async Task<PageDto<MyVoucherDto>> ListAsync(Actor customer, PageRequest page, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var query = new VoucherQuery(customer.RequirePartnerId()) { Type = VoucherType.TypeIII, CustomerUin = customer.RequireCustomerUin() };
        return (await vouchers.ListAsync(query, page, cancellationToken)).Map(v => MyVoucherDto.From(v.Value, now));
    }

    public async Task<MyVoucherDto> GetAsync(Actor customer, string voucherId, CancellationToken cancellationToken)
    {
        var found = await Require.Found(voucherId, () => vouchers.GetAsync(customer.RequirePartnerId(), voucherId, cancellationToken), "voucher");
        return IsMine(customer)(found.Value) ? MyVoucherDto.From(found.Value, clock.GetUtcNow()) : throw UseCaseException.NotFound("voucher");
    }

    public async Task<PageDto<MyUsageDto>> UsageAsync(Actor customer, string voucherId, UsageQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        var rows = await usage.ListAsync(customer.RequirePartnerId(), voucherId, query, page, cancellationToken, IsMine(customer));
        return new PageDto<MyUsageDto>(rows.Items.Select(MyUsageDto.From).ToList(), rows.ContinuationToken);
    }

    private static Func<Voucher, bool> IsMine(Actor customer) =>
        v => v.Type == VoucherType.TypeIII && string.Equals(v.CustomerUin, customer.CustomerUin, StringComparison.Ordinal);
}
