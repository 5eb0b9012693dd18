using System.ComponentModel.DataAnnotations;

namespace VoucherFunctions.Composition;

/// <summary>
/// Where the app's tables and queues live, read from the <c>AzureWebJobsStorage</c> setting the Functions
/// host also uses: either a connection string, or (in Azure, identity-based) the service URIs
/// <c>AzureWebJobsStorage__tableServiceUri</c> and <c>AzureWebJobsStorage__queueServiceUri</c> with an
/// optional user-assigned identity in <c>AzureWebJobsStorage__clientId</c>.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "AzureWebJobsStorage";

    public string? ConnectionString { get; set; }
    public Uri? TableServiceUri { get; set; }
    public Uri? QueueServiceUri { get; set; }
    public string? ClientId { get; set; }

    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesConnectionString && (TableServiceUri is null || QueueServiceUri is null))
        {
            yield return new ValidationResult(
                "Storage is not configured: set AzureWebJobsStorage to a connection string, or set " +
                "AzureWebJobsStorage__tableServiceUri and AzureWebJobsStorage__queueServiceUri for an identity-based connection.");
        }
    }
}
