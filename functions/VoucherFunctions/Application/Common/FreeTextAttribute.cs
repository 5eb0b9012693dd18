using System.Reflection;
using VoucherFunctions.Domain.Text;

namespace VoucherFunctions.Application.Common;

/// <summary>
/// Marks a request property as free text governed by one of <see cref="TextFields"/> (named with <c>nameof</c>), so the
/// OpenAPI document states its <c>maxLength</c> and character rule from the same definition the domain enforces.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class FreeTextAttribute(string field) : Attribute
{
    public TextField Field { get; } =
        typeof(TextFields).GetField(field, BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as TextField
        ?? throw new ArgumentException($"TextFields has no field {field}.", nameof(field));
}
