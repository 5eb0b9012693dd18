using VoucherFunctions.Domain.Templates;

namespace VoucherFunctions.Application.Common;

/// <summary>Validity on the wire: either <c>days</c> from the moment the voucher takes effect, or an absolute <c>end</c>.</summary>
public sealed record ValidityDto(int? Days, DateTimeOffset? End)
{
    public static ValidityDto From(Validity validity) => new(validity.Days, validity.End);

    public Validity ToDomain(string field)
    {
        if (Days.HasValue == End.HasValue)
        {
            throw UseCaseException.Invalid(field, $"'{field}' needs exactly one of 'days' and 'end'.");
        }

        return Require.Valid(() => Days.HasValue ? Validity.DaysFromEffect(Days.Value) : Validity.AbsoluteEnd(End!.Value), field);
    }
}
