using System.Text.Json.Nodes;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Infra.Tests;

/// <summary>The storage account: every table and queue the app uses is declared, and access is Entra ID only.</summary>
public sealed class StorageTests
{
    private const string PoisonSuffix = "-poison";

    private static JsonObject StorageModule => Infra.Current.Module("storage");
    private static JsonObject StorageTemplate => Infra.Template(StorageModule);

    public static TheoryData<string> AppTables() => new(TableNames.All);

    public static TheoryData<string> AppQueues() => new(QueueNames.All);

    [Theory]
    [MemberData(nameof(AppTables))]
    public void Every_table_the_app_uses_is_declared(string table)
    {
        Assert.Contains(table, DeclaredNames("tableNames", "Microsoft.Storage/storageAccounts/tableServices/tables"));
    }

    [Theory]
    [MemberData(nameof(AppQueues))]
    public void Every_queue_the_app_uses_is_declared_with_its_poison_queue(string queue)
    {
        var declared = DeclaredNames("queueNames", "Microsoft.Storage/storageAccounts/queueServices/queues");

        Assert.Contains(queue, declared);
        if (!IsPoison(queue))
        {
            // The queue trigger moves a message here after host.json's maxDequeueCount failed attempts.
            Assert.Contains($"{queue}{PoisonSuffix}", declared);
        }
    }

    [Fact]
    public void No_queue_or_table_is_declared_that_the_app_does_not_use()
    {
        var queues = QueueNames.All.Concat(QueueNames.All.Where(q => !IsPoison(q)).Select(q => $"{q}{PoisonSuffix}")).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(DeclaredNames("queueNames", "Microsoft.Storage/storageAccounts/queueServices/queues").Except(queues));
        Assert.Empty(DeclaredNames("tableNames", "Microsoft.Storage/storageAccounts/tableServices/tables").Except(TableNames.All));
    }

    [Fact]
    public void The_account_allows_no_shared_key_no_public_blobs_and_tls_12_only()
    {
        var account = Assert.Single(Infra.ResourcesOfType(StorageTemplate, "Microsoft.Storage/storageAccounts"));
        var properties = account["properties"]!;

        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", Infra.Str(properties["minimumTlsVersion"]));
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.True(properties["defaultToOAuthAuthentication"]!.GetValue<bool>());
    }

    [Fact]
    public void The_deployment_package_container_is_private()
    {
        var container = Assert.Single(Infra.ResourcesOfType(StorageTemplate, "Microsoft.Storage/storageAccounts/blobServices/containers"));

        Assert.Equal("None", Infra.Str(container["properties"]!["publicAccess"]));
    }

    private static bool IsPoison(string queue) => queue.EndsWith(PoisonSuffix, StringComparison.Ordinal);

    /// <summary>
    /// Names passed by main.bicep to the storage module's <paramref name="parameter"/>, after checking the module
    /// really creates one <paramref name="resourceType"/> per element of that parameter.
    /// </summary>
    private static IReadOnlyList<string> DeclaredNames(string parameter, string resourceType)
    {
        var resource = Assert.Single(Infra.ResourcesOfType(StorageTemplate, resourceType));
        Assert.Equal($"[length(parameters('{parameter}'))]", Infra.Str(resource["copy"]?["count"]));
        Assert.EndsWith($"parameters('{parameter}')[copyIndex()])]", Infra.Str(resource["name"]), StringComparison.Ordinal);

        var names = Assert.IsType<JsonArray>(Infra.ModuleParameter(StorageModule, parameter));
        return names.Select(n => n!.GetValue<string>()).ToList();
    }
}
