using System.Text.Json.Nodes;

namespace VoucherFunctions.Infra.Tests;

/// <summary>The user-assigned identity holds the data roles on the storage account and may publish telemetry.</summary>
public sealed class IdentityAndRoleTests
{
    private const string StorageAccount = "Microsoft.Storage/storageAccounts";
    private const string ApplicationInsights = "Microsoft.Insights/components";

    public static TheoryData<string, string, string> RequiredRoles() => new()
    {
        { "Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", StorageAccount },
        { "Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", StorageAccount },
        { "Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", StorageAccount },
        { "Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb", ApplicationInsights },
    };

    [Theory]
    [MemberData(nameof(RequiredRoles))]
    public void The_identity_holds_the_role_on_the_right_resource(string role, string roleDefinitionId, string scopeType)
    {
        var assignments = Infra.ResourcesOfType(Infra.Template(Infra.Current.Module("roles")), "Microsoft.Authorization/roleAssignments")
            .Where(a => Infra.Str(a["properties"]!["roleDefinitionId"]) ==
                        $"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{roleDefinitionId}')]")
            .ToList();

        var assignment = Assert.Single(assignments);
        Assert.StartsWith($"[resourceId('{scopeType}', ", Infra.Str(assignment["scope"]), StringComparison.Ordinal);
        Assert.Equal("[parameters('principalId')]", Infra.Str(assignment["properties"]!["principalId"]));
        Assert.Equal("ServicePrincipal", Infra.Str(assignment["properties"]!["principalType"]));
        Assert.False(string.IsNullOrEmpty(role));
    }

    [Fact]
    public void Roles_are_granted_to_the_user_assigned_identity()
    {
        var identity = Assert.Single(Infra.ResourcesOfType(Infra.Template(Infra.Current.Module("identity")),
            "Microsoft.ManagedIdentity/userAssignedIdentities"));
        Assert.NotNull(identity);

        var principal = Infra.Str(Infra.ModuleParameter(Infra.Current.Module("roles"), "principalId"));
        Assert.Contains("'Microsoft.Resources/deployments', 'identity')", principal, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.principalId.value]", principal, StringComparison.Ordinal);
    }

    [Fact]
    public void Monitoring_accepts_no_local_key_authentication()
    {
        var template = Infra.Template(Infra.Current.Module("monitoring"));
        var insights = Assert.Single(Infra.ResourcesOfType(template, ApplicationInsights));
        var workspace = Assert.Single(Infra.ResourcesOfType(template, "Microsoft.OperationalInsights/workspaces"));

        Assert.True(insights["properties"]!["DisableLocalAuth"]!.GetValue<bool>());
        Assert.True(workspace["properties"]!["features"]!["disableLocalAuth"]!.GetValue<bool>());
        Assert.NotNull(insights["properties"]!["WorkspaceResourceId"]);
    }

    [Fact]
    public void The_function_app_starts_after_its_roles_exist()
    {
        var dependsOn = Infra.Current.Module("functionApp")["dependsOn"] as JsonArray;

        Assert.NotNull(dependsOn);
        Assert.Contains(dependsOn!, d => Infra.Str(d)?.Contains("'roles')", StringComparison.Ordinal) == true);
    }
}
