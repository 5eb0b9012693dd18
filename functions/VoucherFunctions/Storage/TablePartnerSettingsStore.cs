using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>The "settings" row of the partner's partition; absent means defaults.</summary>
public sealed class TablePartnerSettingsStore(LedgerTable table) : IPartnerSettingsStore
{
    public async Task<(PartnerSettings Settings, string? Version)> GetAsync(string partnerId, CancellationToken cancellationToken = default)
    {
        var row = await table.GetAsync(Keys.Partner(partnerId), Keys.SettingsRow, cancellationToken);
        return row is null ? (PartnerSettings.Default(partnerId), null) : (SettingsRows.FromEntity(row), row.ETag.ToString());
    }

    public async Task<Versioned<PartnerSettings>> SaveAsync(PartnerSettings settings, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(settings, await table.SaveAsync(SettingsRows.ToEntity(settings), expectedVersion, cancellationToken));
    }
}
