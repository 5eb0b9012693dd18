using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.Idempotency;
using VoucherFunctions.Telemetry;

namespace VoucherFunctions.Http;

/// <summary>
/// The shared pipeline every HTTP function goes through: authenticate the bearer token (401), check the
/// caller's roles against the operation's <c>[ApiOperation]</c> (403), apply the Idempotency-Key rule
/// when the operation is idempotent, run the handler, and turn every refusal into RFC 9457 problem details
/// with a stable code. Function classes only bind, call one application service and map the result. Every request
/// is measured by operation and status (<see cref="MetricNames.HttpRequestDuration"/>) and names its operation on the
/// current span (the HTTP server's, or the Functions invocation's).
/// </summary>
public sealed partial class ApiRunner(BearerAuthenticator authenticator, IdempotencyGate idempotency, VoucherMetrics metrics, ILogger<ApiRunner> logger)
{
    /// <summary>Runs the operation described by the calling function method's attributes.</summary>
    public Task<IActionResult> RunAsync(object function, HttpRequest request, Func<ApiCall, Task<ApiResponse>> handler, [CallerMemberName] string method = "") =>
        RunAsync(function, request, handler, afterReplay: null, method);

    /// <summary>
    /// Runs an idempotent operation whose repeats, answered from the stored record, also run <paramref name="afterReplay"/>
    /// (see <see cref="IdempotencyGate.RunAsync"/>).
    /// </summary>
    public async Task<IActionResult> RunAsync(object function, HttpRequest request, Func<ApiCall, Task<ApiResponse>> handler, Func<ApiCall, ApiResponse, Task>? afterReplay, [CallerMemberName] string method = "")
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(handler);
        var operation = ApiOperations.Of(function.GetType(), method);
        var started = Stopwatch.GetTimestamp();
        ApiResponse response;
        try
        {
            var call = new ApiCall(request, operation, await AuthoriseAsync(request, operation));
            QueryParameters.Check(operation.Attribute, request.Query);
            response = operation.Attribute.Idempotent ? await idempotency.RunAsync(call, handler, afterReplay) : await handler(call);
        }
        catch (ApiException ex)
        {
            response = Problem.Of(ex.Status, ex.Code, ex.Message, ex.Field, request).ToResponse();
        }
        catch (DomainException ex)
        {
            response = Problem.Of(ErrorStatusMap.StatusOf(ex.Code), ex.Code, ex.Message, null, request).ToResponse();
        }
        catch (ConcurrencyConflictException ex)
        {
            LogConflict(logger, operation.FunctionName, ex.Message);
            response = Problem.Of(StatusCodes.Status409Conflict, ApiErrorCodes.ConcurrencyConflict, "The resource was changed by another request at the same time; retry.", null, request).ToResponse();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            LogFailed(logger, ex, operation.FunctionName);
            response = Problem.Of(StatusCodes.Status500InternalServerError, ApiErrorCodes.ServerError, "The request could not be completed; it is safe to retry with the same Idempotency-Key.", null, request).ToResponse();
        }

        var errorCode = response.Status >= 400 ? (response.Body as Problem)?.Code ?? "unknown" : null;
        if (errorCode is not null)
        {
            LogRefused(logger, operation.FunctionName, response.Status, errorCode);
        }

        metrics.HttpRequest(operation.FunctionName, response.Status, errorCode, Stopwatch.GetElapsedTime(started));
        Activity.Current?.SetTag(Dimensions.Operation, operation.FunctionName);
        Activity.Current?.SetTag(Dimensions.ErrorCode, errorCode);

        return response.ToActionResult();
    }

    private async Task<ApiPrincipal?> AuthoriseAsync(HttpRequest request, ApiOperation operation)
    {
        var roles = operation.Attribute.Roles;
        if (roles == ApiRoles.Anonymous)
        {
            return null;
        }

        var principal = await authenticator.AuthenticateAsync(request);
        if (!principal.Has(roles))
        {
            LogForbidden(logger, operation.FunctionName, principal.Id);
            throw ApiException.Forbidden($"This operation is for: {string.Join(", ", RoleNames.Of(roles))}.");
        }

        return principal;
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "{Function} refused with {Status} {Code}")]
    private static partial void LogRefused(ILogger logger, string function, int status, string code);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "{Function} forbidden for principal {PrincipalId}")]
    private static partial void LogForbidden(ILogger logger, string function, string principalId);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error, Message = "{Function} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "{Function} lost a concurrent write: {Reason}")]
    private static partial void LogConflict(ILogger logger, string function, string reason);
}
