namespace VoucherFunctions.Application.Common;

/// <summary>
/// What kind of refusal a use case reports, in its own terms. The HTTP layer maps each kind to a status
/// (<c>Http/Problems/ErrorStatusMap</c>); a queue or orchestration caller can branch on it the same way.
/// </summary>
public enum Failure
{
    /// <summary>The command is malformed or a value in it is invalid.</summary>
    InvalidInput,

    /// <summary>The thing is not there, or belongs to someone else (the same answer, so existence does not leak).</summary>
    NotFound,

    /// <summary>The actor may not do this.</summary>
    Forbidden,

    /// <summary>The resource's state refuses the change (it exists already, or changed at the same time).</summary>
    Conflict,

    /// <summary>The version the change is based on is no longer the current one.</summary>
    StaleVersion,

    /// <summary>The idempotency key was already used for a different command.</summary>
    KeyReused,

    /// <summary>A business rule of the domain refuses it; its domain error code says which (and how it maps).</summary>
    Rule,
}
