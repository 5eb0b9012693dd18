using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Composition;
using VoucherFunctions.DevStorage;
using VoucherFunctions.Functions.Tests.Infrastructure;
using VoucherFunctions.Health;

namespace VoucherFunctions.Functions.Tests.Health;

public sealed class HealthEndpointTests(AppHostFixture app) : IClassFixture<AppHostFixture>
{
    [Fact]
    public async Task Health_reports_the_version_and_that_tables_and_queues_answer()
    {
        var response = await app.Http.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("version").GetString()));
        Assert.True(body.GetProperty("storage").GetProperty("tables").GetProperty("answers").GetBoolean());
        Assert.True(body.GetProperty("storage").GetProperty("queues").GetProperty("answers").GetBoolean());
    }

    [Fact]
    public async Task Health_is_unhealthy_when_table_storage_does_not_answer()
    {
        // The same account, but its table endpoint on a port nobody listens on: the probe must say so.
        var tableEndpoint = app.Host.StorageConnectionString.Split(';').Single(p => p.StartsWith("TableEndpoint=", StringComparison.Ordinal));
        var deadEndpoint = $"TableEndpoint=http://127.0.0.1:{AzuriteServer.FreePort()}/devstoreaccount1";
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = app.Host.StorageConnectionString.Replace(tableEndpoint, deadEndpoint, StringComparison.Ordinal) })
            .Build();
        await using var provider = new ServiceCollection().AddVoucherFunctions(configuration).BuildServiceProvider();
        var probe = provider.GetRequiredService<StorageHealthProbe>();

        var health = await probe.CheckAsync(CancellationToken.None);

        Assert.False(health.Tables.Answers);
        Assert.True(health.Queues.Answers);
        Assert.False(health.Healthy);
    }
}
