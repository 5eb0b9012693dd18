using System.Text.Json;
using VoucherFunctions.Http.Json;

namespace VoucherFunctions.Http;

/// <summary>Parses a request body into a request type, turning every JSON problem into a 400 with a code and the field.</summary>
public static class JsonBody
{
    public static T Parse<T>(ReadOnlyMemory<byte> body)
        where T : class
    {
        if (body.IsEmpty)
        {
            throw ApiException.BadRequest(ApiErrorCodes.MalformedJson, "A JSON body is required.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body.Span, ApiJson.Options)
                ?? throw ApiException.BadRequest(ApiErrorCodes.MalformedJson, "The body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            var field = FieldOf(ex.Path);
            if (ex.Message.Contains("could not be mapped", StringComparison.Ordinal))
            {
                throw ApiException.BadRequest(ApiErrorCodes.UnknownField, $"The body has a property this operation does not know{(field is null ? "" : $": '{field}'")}.", field);
            }

            // Syntax errors come from the reader (an internal JsonReaderException inside); type errors do not.
            if (ex.LineNumber is null || field is null || ex.InnerException?.GetType().Name == "JsonReaderException")
            {
                throw ApiException.BadRequest(ApiErrorCodes.MalformedJson, "The body is not well-formed JSON.");
            }

            throw ApiException.BadRequest(ApiErrorCodes.FieldInvalid, $"'{field}' has a value of the wrong type or form.", field);
        }
    }

    /// <summary>"$.customerUins[2]" → "customerUins[2]".</summary>
    private static string? FieldOf(string? path) => string.IsNullOrEmpty(path) || path == "$" ? null : path.TrimStart('$', '.');
}
