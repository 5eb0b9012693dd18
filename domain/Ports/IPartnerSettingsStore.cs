namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.Deduction;

/// <summary>Per-partner settings. A partner that never saved any has the defaults.</summary>
public interface IPartnerSettingsStore
{
    /// <summary>The stored settings, or <see cref="PartnerSettings.Default"/> with a null version when none are stored.</summary>
    Task<(PartnerSettings Settings, string? Version)> GetAsync(string partnerId, CancellationToken cancellationToken = default);

    /// <summary>Saves: inserts when <paramref name="expectedVersion"/> is null, else replaces at that version; a lost race is a <see cref="ConcurrencyConflictException"/>.</summary>
    Task<Versioned<PartnerSettings>> SaveAsync(PartnerSettings settings, string? expectedVersion, CancellationToken cancellationToken = default);
}
