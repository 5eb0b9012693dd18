using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoucherFunctions.Serialization;

/// <summary>
/// Reads an amount given either as a decimal string ("12.5") or as a JSON number (12.5) into its exact text,
/// never through a binary floating point type, so <c>Money.Parse</c> sees every digit the caller sent.
/// Writes the text as a string.
/// </summary>
public sealed class AmountTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray()),
        JsonTokenType.Null => null,
        _ => throw new JsonException("An amount must be a decimal string or a number."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
