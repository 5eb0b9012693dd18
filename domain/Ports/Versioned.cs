namespace VoucherFunctions.Domain.Ports;

/// <summary>
/// A stored domain record and the version it was read at (the storage ETag, opaque to callers).
/// Domain records are immutable, so an update passes the new record together with the version of the
/// one it was derived from; a store refuses the write with <see cref="ConcurrencyConflictException"/>
/// when someone else wrote in between.
/// </summary>
public sealed record Versioned<T>(T Value, string Version);
