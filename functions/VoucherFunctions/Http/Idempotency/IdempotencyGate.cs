using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Telemetry;

namespace VoucherFunctions.Http.Idempotency;

/// <summary>
/// Runs an operation that creates something or moves money at most once per Idempotency-Key (per partner
/// and operation). A repeat with the same request gets the first response; the same key with another
/// request is refused with 422 <c>idempotency.key_reused</c>. Only successful answers are remembered, so a
/// request refused for a fixable reason can be retried with its key.
/// </summary>
public sealed partial class IdempotencyGate(IIdempotencyStore store, TimeProvider clock, VoucherMetrics metrics, ILogger<IdempotencyGate> logger)
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>
    /// Runs <paramref name="handler"/> once per key. <paramref name="afterReplay"/>, when given, runs when a repeat
    /// is answered from the stored record without the handler: for work the first request may have stopped
    /// before finishing and that must be safe to redo (e.g. starting the orchestration that owns what it created).
    /// </summary>
    public async Task<ApiResponse> RunAsync(ApiCall call, Func<ApiCall, Task<ApiResponse>> handler, Func<ApiCall, ApiResponse, Task>? afterReplay = null)
    {
        var key = KeyOf(call.Request);
        var partnerId = call.Principal.RequirePartnerId();
        var body = await call.BodyBytesAsync();
        var context = new IdempotencyContext(partnerId, call.Operation.FunctionName, key, Hash(call, body.Span), clock);
        if (await ReplayFromAsync(partnerId, context, call.Cancellation) is { } replay)
        {
            if (afterReplay is not null)
            {
                await afterReplay(call, replay);
            }

            return replay;
        }

        call.Idempotency = context;
        var response = await handler(call);
        if (context.StoredWithEffect || response.Status >= 300 || response.Headers.ContainsKey("Idempotent-Replayed"))
        {
            return response;
        }

        try
        {
            var write = await store.TryAddAsync(context.RecordFor(response), call.Cancellation);
            return write.IsDuplicate ? ReplayOrRefuse(write.Record, context) : response;
        }
        catch (DomainException ex) when (ex.Code == ErrorCodes.IdempotencyKeyReused)
        {
            LogKeyReused(logger, partnerId, context.Operation, key);
            throw;
        }
    }

    /// <summary>The request's Idempotency-Key: 400 <c>idempotency.key_required</c> when missing, <c>idempotency.key_invalid</c> when not a valid id.</summary>
    public static string KeyOf(HttpRequest request)
    {
        var key = request.Headers[HeaderName].ToString();
        if (key.Length == 0)
        {
            throw ApiException.BadRequest(ApiErrorCodes.IdempotencyKeyRequired, $"This operation needs an {HeaderName} header (a unique value per intended operation, e.g. a UUID).", HeaderName);
        }

        return Domain.Ids.Ids.IsValid(key)
            ? key
            : throw ApiException.BadRequest(ApiErrorCodes.IdempotencyKeyInvalid, $"The {HeaderName} must be 1 to 128 characters without ' / \\ # ? or control characters.", HeaderName);
    }

    /// <summary>
    /// The first answer to this key when its record is in <paramref name="books"/>: for a service that commits
    /// the record with an effect in another partner's books than the caller's (which the gate looks in), so a
    /// repeat is answered before the service re-checks business rules the first request already changed.
    /// Null when there is no record; 422 <c>idempotency.key_reused</c> when it is for another request.
    /// </summary>
    public async Task<ApiResponse?> ReplayFromAsync(string books, IdempotencyContext context, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(books, context.Operation, context.Key, cancellationToken);
        return stored is null ? null : ReplayOrRefuse(stored, context);
    }

    private ApiResponse ReplayOrRefuse(IdempotencyRecord stored, IdempotencyContext context)
    {
        if (!string.Equals(stored.RequestHash, context.RequestHash, StringComparison.Ordinal))
        {
            LogKeyReused(logger, context.PartnerId, context.Operation, context.Key);
            throw new ApiException(422, ErrorCodes.IdempotencyKeyReused, $"The {HeaderName} was already used for a different request to this operation.", HeaderName);
        }

        LogReplayed(logger, context.PartnerId, context.Operation, context.Key);
        metrics.IdempotentReplay(context.Operation);
        return IdempotencyContext.Replay(stored);
    }

    /// <summary>What the request asked for: the path (resource ids) and the exact body bytes.</summary>
    private static string Hash(ApiCall call, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{call.Request.Method} {call.Request.Path}\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Idempotent replay of {Operation} for partner {PartnerId}, key {IdempotencyKey}")]
    private static partial void LogReplayed(ILogger logger, string partnerId, string operation, string idempotencyKey);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Idempotency key {IdempotencyKey} of partner {PartnerId} reused for a different {Operation} request")]
    private static partial void LogKeyReused(ILogger logger, string partnerId, string operation, string idempotencyKey);
}
