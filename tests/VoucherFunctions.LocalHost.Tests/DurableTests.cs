using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.DurableTask.Client;

namespace VoucherFunctions.LocalHost.Tests;

public sealed class DurableTests(TestFunctionsHostFixture fixture) : IClassFixture<TestFunctionsHostFixture>
{
    [Fact]
    public async Task An_orchestration_started_from_an_http_function_runs_its_activity_on_the_durable_engine()
    {
        var response = await fixture.Http.PostAsync("/api/double/21", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var completed = await fixture.Host.DurableClient.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        Assert.Equal(42, completed.ReadOutputAs<int>());
    }
}
