using Azure;
using VoucherFunctions.Domain.Ports;

namespace VoucherFunctions.Storage;

/// <summary>Which storage failures mean "someone else wrote first" (retry after re-reading) rather than a fault.</summary>
public static class StorageFailures
{
    /// <summary>412: the ETag is stale; 409: the row already exists (an insert used as a lock); 404: a row to replace vanished.</summary>
    public static bool IsRace(RequestFailedException e) => e.Status is 412 or 409 or 404;

    public static bool IsAlreadyExists(RequestFailedException e) => e.Status == 409;

    public static ConcurrencyConflictException Conflict(string what, Exception inner) =>
        new($"{what} (storage status {(inner as RequestFailedException)?.Status}); re-read and retry.", inner);
}
