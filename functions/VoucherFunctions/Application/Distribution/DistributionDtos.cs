using System.ComponentModel;
using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Distribution;

namespace VoucherFunctions.Application.Distribution;

/// <summary>Registers a second-level reseller under the calling distributor, with an empty quota pool in one currency.</summary>
public sealed record RegisterResellerRequest(string? ResellerId, string? Currency);

/// <summary>Allocates (positive) or reclaims (negative) quota, effective at once.</summary>
public sealed record QuotaAdjustmentRequest(
    [property: Amount, Description("Positive to allocate, negative to reclaim; a reclaim may not take the pool below what is already issued.")] string? Amount);

/// <summary>A second-level reseller's voucher quota pool: total allocated, what remains, what was issued.</summary>
public sealed record QuotaPoolDto(string DistributorId, string ResellerId, string Currency, string Total, string Remaining, string Issued, int IssuedCount, DateTimeOffset UpdatedAt)
{
    public static QuotaPoolDto From(QuotaPool pool) => new(
        pool.DistributorId, pool.ResellerId, pool.Total.Currency.Code, pool.Total.ToString(), pool.Remaining.ToString(), pool.Issued.ToString(), pool.IssuedCount, pool.UpdatedAt);
}
