using System.Text.Json.Nodes;
using VoucherFunctions.Composition;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Telemetry;

namespace VoucherFunctions.Infra.Tests;

/// <summary>The Flex Consumption function app: .NET 10 isolated, runs as the user-assigned identity, identity-based settings only.</summary>
public sealed class FunctionAppTests
{
    private static JsonObject Module => Infra.Current.Module("functionApp");
    private static JsonObject Template => Infra.Template(Module);
    private static JsonObject Site => Assert.Single(Infra.ResourcesOfType(Template, "Microsoft.Web/sites"));

    /// <summary>App settings by name; values are literals or ARM expressions.</summary>
    public static IReadOnlyDictionary<string, string> AppSettings() =>
        Assert.IsType<JsonArray>(Site["properties"]!["siteConfig"]!["appSettings"])
            .Select(s => s!.AsObject())
            .ToDictionary(s => Infra.Str(s["name"])!, s => Infra.Str(s["value"])!, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void The_plan_is_flex_consumption_on_linux()
    {
        var plan = Assert.Single(Infra.ResourcesOfType(Template, "Microsoft.Web/serverfarms"));

        Assert.Equal("FC1", Infra.Str(plan["sku"]!["name"]));
        Assert.Equal("FlexConsumption", Infra.Str(plan["sku"]!["tier"]));
        Assert.True(plan["properties"]!["reserved"]!.GetValue<bool>());
    }

    [Fact]
    public void The_app_runs_dotnet_isolated_10_as_the_user_assigned_identity()
    {
        var site = Site;
        var config = site["properties"]!["functionAppConfig"]!;

        Assert.Equal("functionapp,linux", Infra.Str(site["kind"]));
        Assert.Equal("UserAssigned", Infra.Str(site["identity"]!["type"]));
        Assert.Equal("dotnet-isolated", Infra.Str(config["runtime"]!["name"]));
        Assert.Equal("10.0", Infra.Str(config["runtime"]!["version"]));
        Assert.True(site["properties"]!["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", Infra.Str(site["properties"]!["siteConfig"]!["minTlsVersion"]));
    }

    [Fact]
    public void The_deployment_package_is_read_with_the_user_assigned_identity()
    {
        var storage = Site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", Infra.Str(storage["type"]));
        Assert.Equal("UserAssignedIdentity", Infra.Str(storage["authentication"]!["type"]));
        Assert.Equal("[parameters('identityId')]", Infra.Str(storage["authentication"]!["userAssignedIdentityResourceId"]));
        Assert.Null(storage["authentication"]!["storageAccountConnectionStringName"]);
    }

    [Fact]
    public void AzureWebJobsStorage_is_identity_based()
    {
        var settings = AppSettings();

        Assert.Equal("[parameters('blobServiceUri')]", settings["AzureWebJobsStorage__blobServiceUri"]);
        Assert.Equal("[parameters('queueServiceUri')]", settings["AzureWebJobsStorage__queueServiceUri"]);
        Assert.Equal("[parameters('tableServiceUri')]", settings["AzureWebJobsStorage__tableServiceUri"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("[parameters('identityClientId')]", settings["AzureWebJobsStorage__clientId"]);

        // Those parameters are the storage account's endpoints and the identity's client id.
        Assert.EndsWith(".outputs.blobEndpoint.value]", Infra.Str(Infra.ModuleParameter(Module, "blobServiceUri")), StringComparison.Ordinal);
        Assert.EndsWith(".outputs.queueEndpoint.value]", Infra.Str(Infra.ModuleParameter(Module, "queueServiceUri")), StringComparison.Ordinal);
        Assert.EndsWith(".outputs.tableEndpoint.value]", Infra.Str(Infra.ModuleParameter(Module, "tableServiceUri")), StringComparison.Ordinal);
        Assert.EndsWith(".outputs.clientId.value]", Infra.Str(Infra.ModuleParameter(Module, "identityClientId")), StringComparison.Ordinal);
    }

    [Fact]
    public void No_setting_is_a_connection_string_or_key()
    {
        var settings = AppSettings();

        Assert.DoesNotContain(StorageOptions.SectionName, settings.Keys);
        Assert.DoesNotContain("AzureWebJobsStorage__accountKey", settings.Keys);
        Assert.DoesNotContain("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", settings.Keys);
        // Flex Consumption takes the runtime from functionAppConfig and refuses these settings.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings.Keys);
        // The one *_CONNECTION_STRING is Application Insights' endpoint locator: with local auth disabled its
        // instrumentation key authorizes nothing; telemetry is sent with the identity (next setting).
        Assert.Equal(["APPLICATIONINSIGHTS_CONNECTION_STRING"],
            settings.Keys.Where(k => k.Contains("CONNECTION", StringComparison.OrdinalIgnoreCase)).ToArray());
        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]",
            settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.All(settings.Values, value => Assert.DoesNotContain("Key=", value, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Traces_are_sampled_by_a_fixed_percentage_of_trace_ids_that_the_deployment_sets()
    {
        var settings = AppSettings();

        // The Azure Monitor exporter's sampler (it replaces the SDK's), deterministic by trace id: an approval's trace,
        // its activities days later on other instances included, is kept or dropped whole.
        Assert.Equal(TraceSampling.FixedPercentage, settings[TraceSampling.SamplerSetting]);
        // 0..100 percent as the share 0.00..0.99 or 1 that OTEL_TRACES_SAMPLER_ARG takes.
        Assert.Equal("[if(equals(parameters('traceSamplingPercentage'), 100), '1', format('0.{0}', padLeft(parameters('traceSamplingPercentage'), 2, '0')))]",
            settings[TraceSampling.ArgumentSetting]);
        var parameter = Template["parameters"]!["traceSamplingPercentage"]!;
        Assert.Equal(0, parameter["minValue"]!.GetValue<int>());
        Assert.Equal(100, parameter["maxValue"]!.GetValue<int>());
        Assert.Equal("[parameters('traceSamplingPercentage')]", Infra.Str(Infra.ModuleParameter(Module, "traceSamplingPercentage")));
        var main = Infra.Current.Main["parameters"]!["traceSamplingPercentage"]!;
        Assert.Equal(10, main["defaultValue"]!.GetValue<int>());
        Assert.Equal(100, main["maxValue"]!.GetValue<int>());
    }

    [Fact]
    public void The_jwt_issuer_audience_and_metadata_are_set_from_parameters()
    {
        var settings = AppSettings();
        string Setting(string property) => $"{AuthOptions.SectionName}__{property}";

        Assert.Equal("[parameters('authIssuer')]", settings[Setting(nameof(AuthOptions.Issuer))]);
        Assert.Equal("[parameters('authAudience')]", settings[Setting(nameof(AuthOptions.Audience))]);
        Assert.Equal("[parameters('authMetadataAddress')]", settings[Setting(nameof(AuthOptions.MetadataAddress))]);
        // Keys come from the metadata document; a symmetric signing key is for the local host only.
        Assert.DoesNotContain(Setting(nameof(AuthOptions.SigningKey)), settings.Keys);
    }

    [Fact]
    public void Basic_publishing_credentials_are_disabled()
    {
        var policies = Infra.ResourcesOfType(Template, "Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.False(p["properties"]!["allow"]!.GetValue<bool>()));
    }

    [Fact]
    public void Azd_finds_the_app_by_its_service_tag()
    {
        Assert.Equal("[union(parameters('tags'), createObject('azd-service-name', parameters('serviceName')))]", Infra.Str(Site["tags"]));
        Assert.Equal("api", Infra.Str(Infra.ModuleParameter(Module, "serviceName")));
    }
}
