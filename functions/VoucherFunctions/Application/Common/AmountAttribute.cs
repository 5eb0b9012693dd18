using System.Text.Json.Serialization;

namespace VoucherFunctions.Application.Common;

/// <summary>Marks request properties that take an amount as a decimal string or a JSON number.</summary>
public sealed class AmountAttribute() : JsonConverterAttribute(typeof(Serialization.AmountTextConverter));
