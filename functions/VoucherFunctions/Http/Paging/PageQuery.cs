using System.Globalization;
using Microsoft.AspNetCore.Http;
using VoucherFunctions.Domain.Ports;

namespace VoucherFunctions.Http.Paging;

/// <summary>Reads <c>pageSize</c> (1–100, default 50) and <c>continuationToken</c> from the query.</summary>
public static class PageQuery
{
    public const int DefaultPageSize = 50;
    public const string PageSizeName = "pageSize";
    public const string ContinuationTokenName = "continuationToken";

    public static PageRequest Parse(IQueryCollection query)
    {
        var size = DefaultPageSize;
        var rawSize = query[PageSizeName].ToString();
        if (rawSize.Length > 0 && (!int.TryParse(rawSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > PageRequest.MaxPageSize))
        {
            throw ApiException.BadRequest(Domain.Errors.ErrorCodes.PageSizeInvalid, $"pageSize must be a whole number from 1 to {PageRequest.MaxPageSize}.", PageSizeName);
        }

        var token = query[ContinuationTokenName].ToString();
        return new PageRequest(size, token.Length == 0 ? null : token);
    }
}
