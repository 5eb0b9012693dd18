using Microsoft.Extensions.Logging;
using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Ports;

namespace VoucherFunctions.Application.Settings;

/// <summary>The partner's deduction settings: "associated vouchers deducted first" (default on; turning it off is allowed and logged).</summary>
public sealed partial class SettingsService(IPartnerSettingsStore settings, TimeProvider clock, ILogger<SettingsService> logger)
{
    public const string OffWarning =
        "Associated (product-trial) vouchers are no longer deducted first: trial vouchers may go unused and expire, and customers may be billed for consumption a trial voucher could have covered.";

    public async Task<SettingsDto> GetAsync(string partnerId, CancellationToken cancellationToken)
    {
        var (current, _) = await settings.GetAsync(partnerId, cancellationToken);
        return Dto(current);
    }

    public async Task<SettingsDto> SaveAsync(string partnerId, string principalId, SaveSettingsRequest request, CancellationToken cancellationToken)
    {
        var on = Require.Field(request.AssociatedVouchersDeductedFirst, "associatedVouchersDeductedFirst");
        var (current, version) = await settings.GetAsync(partnerId, cancellationToken);
        try
        {
            var saved = await settings.SaveAsync(current.WithAssociatedVouchersDeductedFirst(on, clock.GetUtcNow()), version, cancellationToken);
            if (current.AssociatedVouchersDeductedFirst != on)
            {
                LogSwitchChanged(logger, partnerId, on, principalId);
            }

            return Dto(saved.Value);
        }
        catch (ConcurrencyConflictException)
        {
            throw UseCaseException.Conflict(UseCaseErrorCodes.ConcurrencyConflict, "The settings were changed at the same time; read them again and retry.");
        }
    }

    private static SettingsDto Dto(PartnerSettings s) => new(s.AssociatedVouchersDeductedFirst, s.UpdatedAt, s.AssociatedVouchersDeductedFirst ? null : OffWarning);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Partner {PartnerId} set associated-vouchers-deducted-first to {Enabled} (by {PrincipalId})")]
    private static partial void LogSwitchChanged(ILogger logger, string partnerId, bool enabled, string principalId);
}
