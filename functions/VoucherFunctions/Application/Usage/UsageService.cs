using System.Globalization;
using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Application.Usage;

/// <summary>Usage details of one voucher of the caller (any type), by month, as JSON pages or one CSV document.</summary>
public sealed class UsageService(IVoucherStore vouchers, IUsageStore usage)
{
    /// <summary>Most rows one CSV download holds; past that, use the JSON pages.</summary>
    public const int MaxCsvRows = 10_000;

    public async Task<PageDto<UsageDto>> ListAsync(string partnerId, string voucherId, UsageQuery query, PageRequest page, CancellationToken cancellationToken, Func<Voucher, bool>? visible = null)
    {
        await EnsureVoucherAsync(partnerId, voucherId, visible, cancellationToken);
        return (await usage.ListByVoucherAsync(partnerId, voucherId, Month(query), page, cancellationToken)).Map(UsageDto.From);
    }

    public async Task<string> CsvAsync(string partnerId, string voucherId, UsageQuery query, CancellationToken cancellationToken, Func<Voucher, bool>? visible = null)
    {
        await EnsureVoucherAsync(partnerId, voucherId, visible, cancellationToken);
        var month = Month(query);
        var rows = new List<UsageDto>();
        string? token = null;
        do
        {
            var page = await usage.ListByVoucherAsync(partnerId, voucherId, month, new PageRequest(PageRequest.MaxPageSize, token), cancellationToken);
            rows.AddRange(page.Items.Select(UsageDto.From));
            token = page.ContinuationToken;
        }
        while (token is not null && rows.Count < MaxCsvRows);

        return UsageCsv.Write(rows.Take(MaxCsvRows));
    }

    private async Task EnsureVoucherAsync(string partnerId, string voucherId, Func<Voucher, bool>? visible, CancellationToken cancellationToken)
    {
        var voucher = await Require.Found(voucherId, () => vouchers.GetAsync(partnerId, voucherId, cancellationToken), "voucher");
        if (visible is not null && !visible(voucher.Value))
        {
            throw UseCaseException.NotFound("voucher");
        }
    }

    private static DateTimeOffset? Month(UsageQuery query)
    {
        if (string.IsNullOrEmpty(query.Month))
        {
            return null;
        }

        return DateTimeOffset.TryParseExact(query.Month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var month)
            ? month
            : throw UseCaseException.InvalidInput(UseCaseErrorCodes.QueryInvalid, "month must be YYYY-MM.", "month");
    }
}
