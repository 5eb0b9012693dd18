namespace VoucherFunctions.DevStorage;

/// <summary>How to start Azurite. Tests use memory; the local host persists under a git-ignored folder.</summary>
public sealed record AzuriteOptions
{
    /// <summary>Keep data in memory only (tests). When false, data lives in <see cref="DataDirectory"/>.</summary>
    public bool InMemory { get; init; } = true;

    /// <summary>Where Azurite keeps its data when <see cref="InMemory"/> is false.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The folder holding package.json with the pinned Azurite; found by walking up when null.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>How long to wait for the three services to accept connections.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
