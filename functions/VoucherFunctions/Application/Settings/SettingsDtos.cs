namespace VoucherFunctions.Application.Settings;

public sealed record SaveSettingsRequest(bool? AssociatedVouchersDeductedFirst);

public sealed record SettingsDto(bool AssociatedVouchersDeductedFirst, DateTimeOffset? UpdatedAt, string? Warning);
