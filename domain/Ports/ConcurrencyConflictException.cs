namespace VoucherFunctions.Domain.Ports;

/// <summary>
/// An optimistic-concurrency write lost a race: the record changed (or appeared, or vanished) since
/// it was read. Not a broken business rule: the caller re-reads, re-runs the rule and tries again
/// (bounded, with backoff).
/// </summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
