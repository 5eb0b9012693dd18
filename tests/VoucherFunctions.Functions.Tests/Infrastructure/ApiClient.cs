using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace VoucherFunctions.Functions.Tests.Infrastructure;

/// <summary>HTTP calls with one bearer token; POSTs get a fresh Idempotency-Key unless one is given.</summary>
public sealed class ApiClient(HttpClient http, string? token)
{
    public Task<HttpResponseMessage> GetAsync(string path, string? accept = null)
    {
        var request = Request(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string path, object? body, string? idempotencyKey = "new") =>
        SendJsonAsync(HttpMethod.Post, path, body, idempotencyKey == "new" ? Guid.NewGuid().ToString("N") : idempotencyKey);

    public Task<HttpResponseMessage> PostRawAsync(string path, string body, string? idempotencyKey = "new", string contentType = "application/json")
    {
        var request = Request(HttpMethod.Post, path);
        request.Content = new StringContent(body, Encoding.UTF8, contentType);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey == "new" ? Guid.NewGuid().ToString("N") : idempotencyKey);
        }

        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PutAsync(string path, object? body, string? ifMatch = null)
    {
        var request = Request(HttpMethod.Put, path);
        request.Content = JsonContent.Create(body);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, object? body, string? idempotencyKey = null)
    {
        var request = Request(method, path);
        if (body is not null)
        {
            request.Content = body is string raw ? new StringContent(raw, Encoding.UTF8, "application/json") : JsonContent.Create(body);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return http.SendAsync(request);
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}

/// <summary>Assertions on responses: status with the body in the message, JSON body, problem code.</summary>
public static class Responses
{
    public static async Task<JsonElement> Json(this HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a problem details response with this status and code; returns it.</summary>
    public static async Task<JsonElement> Problem(this HttpResponseMessage response, System.Net.HttpStatusCode status, string code)
    {
        var body = await response.Json(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        return body;
    }

    public static async Task<JsonElement> Json(this Task<HttpResponseMessage> response, System.Net.HttpStatusCode expected) => await (await response).Json(expected);

    public static async Task<JsonElement> Problem(this Task<HttpResponseMessage> response, System.Net.HttpStatusCode status, string code) => await (await response).Problem(status, code);

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
