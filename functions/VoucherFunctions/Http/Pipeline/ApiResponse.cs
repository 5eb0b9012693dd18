using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using VoucherFunctions.Serialization;

namespace VoucherFunctions.Http;

/// <summary>
/// What an operation answers: status, body (serialized with <see cref="ApiJson"/>, or raw text for CSV),
/// content type and extra headers. A plain value, so the idempotency layer can store and replay it.
/// </summary>
public sealed record ApiResponse(int Status, object? Body, string ContentType = "application/json")
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static ApiResponse Ok(object body) => new(StatusCodes.Status200OK, body);

    public static ApiResponse Created(object body, string? location = null) => new(StatusCodes.Status201Created, body)
    {
        Headers = location is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Location"] = location },
    };

    public static ApiResponse Text(string text, string contentType, string? fileName = null) => new(StatusCodes.Status200OK, text, contentType)
    {
        Headers = fileName is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Content-Disposition"] = $"attachment; filename=\"{fileName}\"" },
    };

    /// <summary>Marks the answer as a repeat of the first one (<c>Idempotent-Replayed: true</c>) when <paramref name="replayed"/>.</summary>
    public ApiResponse ReplayedWhen(bool replayed) => replayed ? WithHeader("Idempotent-Replayed", "true") : this;

    public ApiResponse WithHeader(string name, string value) => this with { Headers = new Dictionary<string, string>(Headers) { [name] = value } };

    /// <summary>The body as it goes on the wire.</summary>
    public string BodyText() => Body switch
    {
        null => string.Empty,
        RawJson raw => raw.Json,
        string text when !ContentType.Contains("json", StringComparison.Ordinal) => text,
        _ => JsonSerializer.Serialize(Body, Body.GetType(), ApiJson.Options),
    };

    public IActionResult ToActionResult() => new WireResult(Status, BodyText(), ContentType, Headers);

    private sealed class WireResult(int status, string body, string contentType, IReadOnlyDictionary<string, string> headers) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = status;
            foreach (var (name, value) in headers)
            {
                response.Headers[name] = value;
            }

            if (body.Length > 0)
            {
                response.ContentType = contentType.Contains("charset", StringComparison.Ordinal) ? contentType : contentType + "; charset=utf-8";
                await response.WriteAsync(body, context.HttpContext.RequestAborted);
            }
        }
    }
}

/// <summary>A body that is already JSON text (a stored replay, a pre-rendered document): written as is.</summary>
public sealed record RawJson(string Json);
