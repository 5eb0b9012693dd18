using VoucherFunctions.Domain.Ports;

namespace VoucherFunctions.Application.Common;

/// <summary>A page of results: the items and the token that continues after them.</summary>
public sealed record PageDto<T>(IReadOnlyList<T> Items, string? ContinuationToken);

public static class PageMapping
{
    public static PageDto<TOut> Map<TIn, TOut>(this Page<TIn> page, Func<TIn, TOut> map) => new(page.Items.Select(map).ToList(), page.ContinuationToken);
}
