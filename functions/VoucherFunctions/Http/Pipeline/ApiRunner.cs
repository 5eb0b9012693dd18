using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Application.Common;
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
    public Task<IActionResult> RunAsync(object function, HttpRequest request, Func<ApiCall, Task<ApiResponse>> handler, [CallerMemberName] string method = "")
    {
        ArgumentNullException.ThrowIfNull(handler);
        return RunAsync(function, method, request, requiresIdempotency: false, handler);
    }

    /// <summary>
    /// Runs an idempotent operation (<c>[ApiOperation(Idempotent = true)]</c>): <paramref name="useCase"/> at most once per
    /// Idempotency-Key, its result answered as <paramref name="render"/> maps it, now and on every replay. Repeats answered
    /// from the stored record also run <paramref name="afterReplay"/> (see <see cref="IdempotencyGate.RunAsync"/>).
    /// </summary>
    public Task<IActionResult> RunIdempotentAsync<T>(
        object function,
        HttpRequest request,
        Func<ApiCall, IdempotentCommand, Task<Idempotent<T>>> useCase,
        Func<T, ApiResponse> render,
        Func<ApiCall, T, Task>? afterReplay = null,
        [CallerMemberName] string method = "")
    {
        ArgumentNullException.ThrowIfNull(useCase);
        ArgumentNullException.ThrowIfNull(render);
        return RunAsync(function, method, request, requiresIdempotency: true, call => idempotency.RunAsync(
            call,
            command => useCase(call, command),
            render,
            afterReplay is null ? null : result => afterReplay(call, result)));
    }

    private async Task<IActionResult> RunAsync(object function, string method, HttpRequest request, bool requiresIdempotency, Func<ApiCall, Task<ApiResponse>> handler)
    {
        ArgumentNullException.ThrowIfNull(function);
        var operation = ApiOperations.Of(function.GetType(), method);
        if (operation.Attribute.Idempotent != requiresIdempotency)
        {
            throw new InvalidOperationException($"{operation.FunctionName}: an operation marked Idempotent runs through RunIdempotentAsync, and only such an operation does.");
        }

        var started = Stopwatch.GetTimestamp();
        ApiResponse response;
        try
        {
            var call = new ApiCall(request, operation, await AuthoriseAsync(request, operation));
            QueryParameters.Check(operation.Attribute, request.Query);
            response = await handler(call);
        }
        catch (ApiException ex)
        {
            response = Problem.Of(ex.Status, ex.Code, ex.Message, ex.Field, request).ToResponse();
        }
        catch (UseCaseException ex)
        {
            response = Problem.Of(ErrorStatusMap.StatusOf(ex), ex.Code, ex.Message, ErrorStatusMap.FieldOf(ex), request).ToResponse();
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
        Activity.Current.Tag(Dimensions.Operation, operation.FunctionName);
        Activity.Current.Tag(Dimensions.ErrorCode, errorCode);

        return response.ToActionResult();
    }

    private async Task<Actor?> AuthoriseAsync(HttpRequest request, ApiOperation operation)
    {
        var roles = operation.Attribute.Roles;
        if (roles == ActorRoles.Anonymous)
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
