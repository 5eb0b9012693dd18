namespace VoucherFunctions.Domain.Text;

using VoucherFunctions.Domain.Errors;

/// <summary>
/// The one rule for free text a person types (names, notes, reasons): trimmed, then 1 to
/// <see cref="MaxLength"/> characters (UTF-16 code units, as storage and JSON count them), and no character
/// that is not text. Refused, never repaired: a value that breaks the rule throws <see cref="Code"/>, the
/// field's own stable code, and nothing is stored.
/// <para>
/// Not text: every control character (Unicode category Cc: U+0000–U+001F, U+007F–U+009F), except that a
/// <see cref="MultiLine"/> field (notes, reasons) may hold line breaks (LF, CR) and tabs; the bidirectional
/// embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069), which can make a portal or CSV
/// show text in another order than it is stored; and a lone UTF-16 surrogate, which no encoding can carry.
/// </para>
/// </summary>
public sealed record TextField(string Name, string Code, int MaxLength, bool MultiLine)
{
    /// <summary>The value trimmed; throws <see cref="Code"/> when it is absent, blank or breaks the rule.</summary>
    public string Required(string? value) =>
        Optional(value) ?? throw new DomainException(Code, $"The {Name} is required: 1 to {MaxLength} characters.");

    /// <summary>The value trimmed, or null when it is absent or blank; throws <see cref="Code"/> when it breaks the rule.</summary>
    public string? Optional(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        Guard.That(trimmed.Length <= MaxLength, Code, $"The {Name} is at most {MaxLength} characters; it has {trimmed.Length}.");
        var bad = IndexOfNonText(trimmed);
        Guard.That(bad < 0, Code, $"The {Name} contains a character that is not allowed (U+{(bad < 0 ? 0 : trimmed[bad]):X4} at position {bad + 1}): no control characters{(MultiLine ? " other than line breaks and tabs" : "")}, bidirectional overrides or lone surrogates.");
        return trimmed;
    }

    /// <summary>The index of the first character the rule refuses, or -1.</summary>
    public int IndexOfNonText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || IsBidiControl(c) || (char.IsControl(c) && !(MultiLine && c is '\n' or '\r' or '\t')))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
