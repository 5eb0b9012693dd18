using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Telemetry;
using VoucherFunctions.Vendor.Actions;

namespace VoucherFunctions.Vendor;

/// <summary>
/// The vendor-compatible endpoint: one POST with the action in <c>X-TC-Action</c> and its parameters as the JSON
/// body, answered like the vendor, always HTTP 200 with <c>{"Response": {…, "RequestId"}}</c> or
/// <c>{"Response": {"Error": {"Code", "Message"}, "RequestId"}}</c>. Order of checks: action and version,
/// signature (<see cref="VendorAuthenticator"/>), the key's role, the rate, the replay guard, the parameters.
/// Every request is measured by action and error code (<see cref="VoucherMetrics.VendorRequest"/>), and both are named on
/// the current span.
/// </summary>
public sealed partial class VendorGateway(
    VendorActionCatalog actions,
    VendorAuthenticator authenticator,
    VendorRateLimits limits,
    ISignatureReplayGuard replays,
    VoucherMetrics metrics,
    ILogger<VendorGateway> logger)
{
    private const int MaxBodyBytes = 1024 * 1024;

    public async Task<IActionResult> HandleAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var requestId = Guid.NewGuid().ToString();
        var action = request.Headers["X-TC-Action"].ToString();
        JsonObject response;
        string? errorCode = null;
        try
        {
            response = await RunAsync(request, action, request.HttpContext.RequestAborted);
        }
        catch (VendorException e)
        {
            LogRefused(logger, action, e.Code, requestId);
            response = Error(errorCode = e.Code, e.Message);
        }
        catch (DomainException e)
        {
            response = Error(errorCode = VendorErrorCodes.InvalidParameterValue, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            LogFailed(logger, e, action, requestId);
            response = Error(errorCode = VendorErrorCodes.InternalError, "An internal error occurred; retry the request.");
        }

        // Only a catalogue action's name is a dimension: the header is the caller's to fill.
        var known = actions.Find(action)?.Name;
        metrics.VendorRequest(known, errorCode, Stopwatch.GetElapsedTime(started));
        Activity.Current.Tag(Dimensions.Operation, VoucherMetrics.VendorOperation);
        Activity.Current.Tag(Dimensions.VendorAction, known ?? "unknown");
        Activity.Current.Tag(Dimensions.ErrorCode, errorCode);
        response["RequestId"] = requestId;
        var body = new JsonObject { ["Response"] = response };
        return new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = "application/json", Content = body.ToJsonString(JsonOptions) };
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private async Task<JsonObject> RunAsync(HttpRequest request, string actionName, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            throw new VendorException(VendorErrorCodes.InvalidParameter, "Send the action as POST with a JSON body.");
        }

        if (actionName.Length == 0)
        {
            throw new VendorException(VendorErrorCodes.MissingParameter, "The header X-TC-Action is missing.");
        }

        var action = actions.Find(actionName) ?? throw new VendorException(VendorErrorCodes.InvalidAction, $"The action `{actionName}` does not exist here (voucher actions of intlpartnersmgt only).");
        var version = request.Headers["X-TC-Version"].ToString();
        if (version != VendorActionCatalog.Version)
        {
            throw version.Length == 0
                ? new VendorException(VendorErrorCodes.MissingParameter, "The header X-TC-Version is missing.")
                : new VendorException(VendorErrorCodes.NoSuchVersion, $"The version `{version}` does not exist; use {VendorActionCatalog.Version}.");
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        var caller = await authenticator.AuthenticateAsync(request, body, cancellationToken);
        if (!action.Roles.Contains(caller.Key.Role))
        {
            throw new VendorException(VendorErrorCodes.AuthUnauthorizedOperation, $"A {caller.Key.Role} key may not call {action.Name}.");
        }

        if (!limits.TryAcquire(caller.Key.SecretId, action))
        {
            throw new VendorException(VendorErrorCodes.RequestLimitExceeded, $"{action.Name} allows {(int)action.Rate} requests per second per key.");
        }

        // The SDKs do not sign X-TC-Action, and two actions with the same parameters signed in the same second carry
        // the same signature: a signature is used once per action (a portal asking two actions at once still works).
        var keepUntil = DateTimeOffset.FromUnixTimeSeconds(caller.Timestamp) + VendorAuthenticator.Window + TimeSpan.FromMinutes(1);
        if (!await replays.TryRecordAsync(caller.Key.SecretId, action.Name + "|" + caller.Signature, keepUntil, cancellationToken))
        {
            throw new VendorException(VendorErrorCodes.SignatureFailure, "This signature was already used; sign every request anew.");
        }

        var parameters = VendorParameters.Parse(body, action.Parameters);
        return await action.Run(caller, parameters, cancellationToken);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw new VendorException(VendorErrorCodes.InvalidParameter, "The request body is larger than 1 MiB.");
            }
        }

        return buffer.ToArray();
    }

    private static JsonObject Error(string code, string message) => new() { ["Error"] = new JsonObject { ["Code"] = code, ["Message"] = message } };

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Vendor action {Action} refused with {Code} (request {RequestId})")]
    private static partial void LogRefused(ILogger logger, string action, string code, string requestId);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Error, Message = "Vendor action {Action} failed (request {RequestId})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string action, string requestId);
}
