using System.ComponentModel;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace VoucherFunctions.Health;

/// <summary>GET /api/health: the app version and whether table and queue storage answer.</summary>
public sealed class HealthFunction(StorageHealthProbe probe)
{
    private static readonly string Version =
        typeof(HealthFunction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    [Function("Health")]
    [Description("A probe for load balancers and operators: the app version and whether table and queue storage answer (200 healthy, 503 unhealthy).")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var storage = await probe.CheckAsync(cancellationToken);
        var body = new
        {
            status = storage.Healthy ? "healthy" : "unhealthy",
            version = Version,
            storage = new { tables = storage.Tables, queues = storage.Queues },
        };
        return new ObjectResult(body) { StatusCode = storage.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable };
    }
}
