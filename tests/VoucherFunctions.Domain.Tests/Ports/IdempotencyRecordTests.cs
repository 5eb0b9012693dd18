namespace VoucherFunctions.Domain.Tests.Ports;

using VoucherFunctions.Domain.Ports;

public class IdempotencyRecordTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static IdempotencyRecord Record(Dictionary<string, string>? headers = null) =>
        new("p1", "op", "k", "h", 201, "{}", At, headers);

    [Fact]
    public void Headers_default_to_empty()
    {
        Assert.Empty(Record().ResponseHeaders);
    }

    [Theory]
    [InlineData("Idempotent-Replayed")]
    [InlineData("Authorization")]
    [InlineData("Set-Cookie")]
    public void Only_replayable_headers_are_accepted(string name)
    {
        Assert.Throws<ArgumentException>(() => Record(new() { ["ETag"] = "\"1\"", [name] = "x" }));
    }

    [Fact]
    public void Records_with_the_same_headers_are_equal_and_names_ignore_case()
    {
        var a = Record(new() { ["ETag"] = "\"1\"", ["Location"] = "/api/templates/t1" });
        var b = Record(new() { ["location"] = "/api/templates/t1", ["etag"] = "\"1\"" });

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Record(new() { ["ETag"] = "\"2\"", ["Location"] = "/api/templates/t1" }));
        Assert.Equal("/api/templates/t1", a.ResponseHeaders["LOCATION"]);
    }

    [Fact]
    public void A_result_record_holds_the_result_and_no_http_answer_while_an_earlier_record_is_an_http_answer()
    {
        var result = IdempotencyRecord.OfResult("p1", "op", "k", "h", "{\"id\":\"x\"}", At);

        Assert.False(result.IsHttpAnswer);
        Assert.Null(result.StatusCode);
        Assert.Empty(result.ResponseHeaders);
        Assert.Equal("{\"id\":\"x\"}", result.ResponseJson);
        Assert.True(Record().IsHttpAnswer);
        Assert.NotEqual(result, new IdempotencyRecord("p1", "op", "k", "h", 201, "{\"id\":\"x\"}", At));
    }
}
