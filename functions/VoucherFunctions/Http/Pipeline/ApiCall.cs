using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.Paging;

namespace VoucherFunctions.Http;

/// <summary>One request in the pipeline: the authenticated caller and typed access to body, query, paging and preconditions.</summary>
public sealed class ApiCall(HttpRequest request, ApiOperation operation, Actor? principal)
{
    /// <summary>1 MiB: the largest legitimate body (50 UINs, a 1,000-character note) is a few KiB.</summary>
    public const int MaxBodyBytes = 1024 * 1024;
    private ReadOnlyMemory<byte>? _body;

    public HttpRequest Request { get; } = request;

    public ApiOperation Operation { get; } = operation;

    public CancellationToken Cancellation => Request.HttpContext.RequestAborted;

    /// <summary>The caller; operations that admit anonymous callers must not ask.</summary>
    public Actor Principal => principal ?? throw new InvalidOperationException($"{Operation.FunctionName} is anonymous and has no principal.");

    /// <summary>
    /// The body, at most <see cref="MaxBodyBytes"/>. A larger one is refused with 413 before it is read: from its
    /// Content-Length when it declares one, otherwise as soon as the read passes the limit (chunked bodies), so
    /// no request makes the app buffer more than the limit.
    /// </summary>
    public async Task<ReadOnlyMemory<byte>> BodyBytesAsync()
    {
        if (_body is null)
        {
            if (Request.ContentLength > MaxBodyBytes)
            {
                throw TooLarge();
            }

            // Sized by Content-Length when given (one more read then sees the end), else grown by doubling up to the limit + 1.
            var buffer = new byte[Math.Clamp(Request.ContentLength ?? 16 * 1024, 1, MaxBodyBytes + 1)];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > MaxBodyBytes)
                    {
                        throw TooLarge();
                    }

                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxBodyBytes + 1));
                }

                var read = await Request.Body.ReadAsync(buffer.AsMemory(length), Cancellation);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            _body = buffer.AsMemory(0, length);
        }

        return _body.Value;
    }

    private static ApiException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, ApiErrorCodes.TooLarge, $"The body is larger than {MaxBodyBytes / (1024 * 1024)} MiB.");

    public async Task<T> BodyAsync<T>()
        where T : class
    {
        var contentType = Request.ContentType;
        if (contentType is not null && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, ApiErrorCodes.UnsupportedMediaType, "The body must be application/json.");
        }

        return JsonBody.Parse<T>(await BodyBytesAsync());
    }

    public T Query<T>()
        where T : new() => QueryBinder.Bind<T>(Request.Query);

    public PageRequest Page() => PageQuery.Parse(Request.Query);

    /// <summary>The If-Match ETag (quotes kept as sent); 428 when missing.</summary>
    public string IfMatch()
    {
        var value = Request.Headers.IfMatch.ToString();
        return value.Length > 0
            ? value
            : throw new ApiException(StatusCodes.Status428PreconditionRequired, ApiErrorCodes.PreconditionRequired, "This change needs an If-Match header with the ETag of the version it is based on.", "If-Match");
    }

    /// <summary>CSV when asked by <c>format=csv</c> or an Accept header preferring text/csv.</summary>
    public bool WantsCsv =>
        string.Equals(Request.Query["format"].ToString(), "csv", StringComparison.OrdinalIgnoreCase)
        || Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase);
}
