using System.Text.Json;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Serialization;

namespace VoucherFunctions.Application.Common;

/// <summary>
/// The idempotency key of one command and the hash of what it asked for. A use case whose effect is one atomic
/// commit adds <see cref="RecordOf{T}"/> (its result, as JSON) to that commit, so effect and record land together,
/// and answers <see cref="ResultOf{T}"/> of the stored record when the commit reports a duplicate; otherwise the
/// caller stores the record after the effect. The record never holds a transport's answer: the caller renders the result.
/// </summary>
public sealed class IdempotentCommand(string partnerId, string operation, string key, string requestHash, TimeProvider clock)
{
    public string PartnerId { get; } = partnerId;

    public string Operation { get; } = operation;

    public string Key { get; } = key;

    public string RequestHash { get; } = requestHash;

    /// <summary>Set when the use case stored the record itself, in its own atomic commit (or keeps none).</summary>
    public bool StoredWithEffect { get; private set; }

    /// <summary>
    /// The record of <paramref name="result"/>, serialized with the app's JSON options (the shape every caller sees).
    /// It goes in the actor's books unless <paramref name="books"/> names the partner whose books the effect is written to.
    /// </summary>
    public IdempotencyRecord RecordOf<T>(T result, string? books = null) =>
        IdempotencyRecord.OfResult(books ?? PartnerId, Operation, Key, RequestHash, JsonSerializer.Serialize(result, ApiJson.Options), clock.GetUtcNow());

    /// <summary>Call when the record was added to the effect's commit, or when the effect is its own record.</summary>
    public void MarkStoredWithEffect() => StoredWithEffect = true;

    /// <summary>
    /// True when <paramref name="stored"/> answers this command (same request); refuses (<see cref="Failure.KeyReused"/>)
    /// when the key was used for another one.
    /// </summary>
    public bool Answers(IdempotencyRecord stored) =>
        string.Equals(stored.RequestHash, RequestHash, StringComparison.Ordinal)
            ? true
            : throw UseCaseException.KeyReused("The Idempotency-Key was already used for a different request to this operation.");

    /// <summary>
    /// The result a stored record holds. Records written before results were stored hold the HTTP body, which for every
    /// success was this same result JSON, so they read the same way.
    /// </summary>
    public static T ResultOf<T>(IdempotencyRecord stored) =>
        JsonSerializer.Deserialize<T>(stored.ResponseJson, ApiJson.Options)
        ?? throw new InvalidOperationException($"The idempotency record of {stored.Operation} holds no {typeof(T).Name}.");
}

/// <summary>A use case's result and whether it is the stored result of an earlier run with the same idempotency key.</summary>
public sealed record Idempotent<T>(T Value, bool Replayed)
{
    public static Idempotent<T> First(T value) => new(value, false);

    public static Idempotent<T> Replay(T value) => new(value, true);
}
