using VoucherFunctions.Domain.Errors;

namespace VoucherFunctions.Domain.Ids;

/// <summary>
/// Guard for every identifier (voucher, template, application, partner, customer UIN, bill, line).
/// Ids end up in Table Storage partition and row keys, which forbid '/', '\', '#', '?' and control
/// characters; the single quote is refused too because it breaks OData filter literals.
/// </summary>
public static class Ids
{
    public const int MaxLength = 128;

    /// <summary>Returns <paramref name="id"/> unchanged when valid; otherwise throws <see cref="ErrorCodes.IdInvalid"/>.</summary>
    public static string Validate(string? id, string what = "id")
    {
        if (!IsValid(id, out var why))
        {
            throw new DomainException(ErrorCodes.IdInvalid, $"The {what} is invalid: {why}.");
        }

        return id!;
    }

    public static bool IsValid(string? id) => IsValid(id, out _);

    private static bool IsValid(string? id, out string why)
    {
        if (string.IsNullOrEmpty(id))
        {
            why = "it is empty";
            return false;
        }

        if (id.Length > MaxLength)
        {
            why = $"it is longer than {MaxLength} characters";
            return false;
        }

        foreach (var c in id)
        {
            if (c is '\'' or '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                why = "it contains a character that storage keys do not allow (' / \\ # ? or a control character)";
                return false;
            }
        }

        why = string.Empty;
        return true;
    }
}
