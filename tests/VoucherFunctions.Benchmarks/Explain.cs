using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace VoucherFunctions.Benchmarks;

/// <summary>
/// Explain (dry run) over HTTP: bills that were not applied, explained through <c>POST /api/bills/explain</c> on
/// <see cref="Connections"/> connections. Counts the storage calls the app makes meanwhile (idle background calls
/// subtracted as for bills), so the figure is storage calls per explain.
/// </summary>
public static class Explain
{
    public const int Connections = 10;

    public static async Task<RunResult> RunAsync(string name, Uri app, Func<string, string> tokenOf, StorageCalls counter, IReadOnlyList<(string PartnerId, string Body)> work)
    {
        var idleStart = counter.Others;
        var idle = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var idleRate = (counter.Others - idleStart) / idle.Elapsed.TotalSeconds;

        using var http = new HttpClient { BaseAddress = app };
        var latencies = new double[work.Count];
        var next = -1;
        var before = counter.Others;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < work.Count)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bills/explain") { Content = new StringContent(work[i].Body, Encoding.UTF8, "application/json") };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokenOf(work[i].PartnerId));
                var started = clock.Elapsed;
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode || !text.Contains("\"status\":\"explained\"", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"explain answered {(int)response.StatusCode}: {text}");
                }

                latencies[i] = (clock.Elapsed - started).TotalMilliseconds;
            }
        }));
        var elapsed = clock.Elapsed;
        var calls = counter.Others - before - (long)(idleRate * elapsed.TotalSeconds);
        return new RunResult(name, work.Count, elapsed, latencies, calls);
    }
}
