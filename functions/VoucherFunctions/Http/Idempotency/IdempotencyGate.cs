using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Telemetry;

namespace VoucherFunctions.Http.Idempotency;

/// <summary>
/// Runs an operation that creates something or moves money at most once per Idempotency-Key (per partner
/// and operation). A repeat with the same request gets the first answer; the same key with another
/// request is refused with 422 <c>idempotency.key_reused</c>. Only successful results are remembered, so a
/// request refused for a fixable reason can be retried with its key. The record holds the use case's result;
/// the gate renders it with the operation's own mapping, so a replay answers exactly as the first time.
/// </summary>
public sealed partial class IdempotencyGate(IIdempotencyStore store, TimeProvider clock, VoucherMetrics metrics, ILogger<IdempotencyGate> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const string ContentTypeHeader = "Content-Type";

    /// <summary>
    /// Runs <paramref name="useCase"/> once per key and answers its result as <paramref name="render"/> maps it.
    /// <paramref name="afterReplay"/>, when given, runs when a repeat is answered from the stored record without the
    /// use case: for work the first request may have stopped before finishing and that must be safe to redo (e.g.
    /// starting the orchestration that owns what it created).
    /// </summary>
    public async Task<ApiResponse> RunAsync<T>(
        ApiCall call,
        Func<IdempotentCommand, Task<Idempotent<T>>> useCase,
        Func<T, ApiResponse> render,
        Func<T, Task>? afterReplay = null)
    {
        var key = KeyOf(call.Request);
        var partnerId = call.Principal.RequirePartnerId();
        var body = await call.BodyBytesAsync();
        var command = new IdempotentCommand(partnerId, call.Operation.FunctionName, key, Hash(call, body.Span), clock);
        if (await store.GetAsync(partnerId, command.Operation, key, call.Cancellation) is { } stored)
        {
            var replay = ReplayOrRefuse(stored, command, render);
            if (afterReplay is not null)
            {
                await afterReplay(IdempotentCommand.ResultOf<T>(stored));
            }

            return replay;
        }

        var outcome = await RefusingReusedKeys(command, () => useCase(command));
        if (outcome.Replayed)
        {
            Replayed(command);
            return render(outcome.Value).WithHeader(ReplayedHeader, "true");
        }

        var response = render(outcome.Value);
        if (command.StoredWithEffect || response.Status >= 300)
        {
            return response;
        }

        var write = await RefusingReusedKeys(command, () => store.TryAddAsync(command.RecordOf(outcome.Value), call.Cancellation));
        return write.IsDuplicate ? ReplayOrRefuse(write.Record, command, render) : response;
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

    /// <summary>The Idempotency-Key when the request has one (operations where it is optional).</summary>
    public static string? OptionalKeyOf(HttpRequest request) => request.Headers.ContainsKey(HeaderName) ? KeyOf(request) : null;

    private ApiResponse ReplayOrRefuse<T>(IdempotencyRecord stored, IdempotentCommand command, Func<T, ApiResponse> render)
    {
        if (!string.Equals(stored.RequestHash, command.RequestHash, StringComparison.Ordinal))
        {
            LogKeyReused(logger, command.PartnerId, command.Operation, command.Key);
            throw new ApiException(422, ErrorCodes.IdempotencyKeyReused, $"The {HeaderName} was already used for a different request to this operation.", HeaderName);
        }

        Replayed(command);
        return (stored.IsHttpAnswer ? StoredAnswer(stored) : render(IdempotentCommand.ResultOf<T>(stored))).WithHeader(ReplayedHeader, "true");
    }

    /// <summary>
    /// A record written before results were stored holds the first HTTP answer (status, body, content type and the
    /// headers that describe the resource): it is answered as stored, byte for byte.
    /// </summary>
    private static ApiResponse StoredAnswer(IdempotencyRecord record)
    {
        // Records stored before headers were kept have no content type; they were always replayed as JSON.
        var contentType = record.ResponseHeaders.GetValueOrDefault(ContentTypeHeader, "application/json");
        var headers = record.ResponseHeaders.Where(h => !string.Equals(h.Key, ContentTypeHeader, StringComparison.OrdinalIgnoreCase)).ToDictionary(StringComparer.OrdinalIgnoreCase);
        return new ApiResponse(record.StatusCode!.Value, new RawJson(record.ResponseJson), contentType) { Headers = headers };
    }

    private async Task<TResult> RefusingReusedKeys<TResult>(IdempotentCommand command, Func<Task<TResult>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception ex) when (ex is DomainException { Code: ErrorCodes.IdempotencyKeyReused } or UseCaseException { Kind: Failure.KeyReused })
        {
            LogKeyReused(logger, command.PartnerId, command.Operation, command.Key);
            throw;
        }
    }

    private void Replayed(IdempotentCommand command)
    {
        LogReplayed(logger, command.PartnerId, command.Operation, command.Key);
        metrics.IdempotentReplay(command.Operation);
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
