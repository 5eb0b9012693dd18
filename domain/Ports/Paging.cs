namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.Errors;

/// <summary>
/// One page of a list: at most <see cref="PageSize"/> items (1 to <see cref="MaxPageSize"/>) starting
/// where <see cref="ContinuationToken"/> (from the previous page of the same query) left off.
/// Tokens are opaque and bound to the query (partner and filter) they were minted for.
/// </summary>
public sealed record PageRequest
{
    public const int MaxPageSize = 100;

    public PageRequest(int pageSize = MaxPageSize, string? continuationToken = null)
    {
        Guard.That(pageSize is >= 1 and <= MaxPageSize, ErrorCodes.PageSizeInvalid, $"The page size must be between 1 and {MaxPageSize} (got {pageSize}).");
        PageSize = pageSize;
        ContinuationToken = string.IsNullOrEmpty(continuationToken) ? null : continuationToken;
    }

    public int PageSize { get; }

    public string? ContinuationToken { get; }

    public static PageRequest First(int pageSize = MaxPageSize) => new(pageSize);
}

/// <summary>
/// A page of results. A null <see cref="ContinuationToken"/> means the list is complete. A page may hold
/// fewer items than asked for (even none) and still carry a token: keep following it.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken)
{
    public bool HasMore => ContinuationToken is not null;
}
