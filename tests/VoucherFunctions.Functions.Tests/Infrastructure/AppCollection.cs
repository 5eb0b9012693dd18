namespace VoucherFunctions.Functions.Tests.Infrastructure;

/// <summary>API test classes share one app host (one Azurite, one durable backend); tests use unique partner ids so they do not collide.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "app";
}
