
namespace VoucherFunctions.Application.Common;

/// <summary>Field checks for request bodies: each failure names the field and has a stable code.</summary>
public static class Require
{
    public static T Field<T>(T? value, string field)
        where T : class => value ?? throw UseCaseException.Required(field);

    public static T Field<T>(T? value, string field)
        where T : struct => value ?? throw UseCaseException.Required(field);

    public static string Text(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw UseCaseException.Required(field) : value;

    /// <summary>
    /// The record <paramref name="find"/> returns for <paramref name="id"/>, looked up only when the id is one a
    /// record can have; a malformed, unknown or other partner's id is the same 404 for <paramref name="what"/>.
    /// </summary>
    public static async Task<T> Found<T>(string id, Func<Task<T?>> find, string what)
        where T : class =>
        (Domain.Ids.Ids.IsValid(id) ? await find() : null) ?? throw UseCaseException.NotFound(what);

    /// <summary>Runs a domain parse/validation and reports its error against <paramref name="field"/>.</summary>
    public static T Valid<T>(Func<T> parse, string field)
    {
        try
        {
            return parse();
        }
        catch (Domain.Errors.DomainException ex)
        {
            throw UseCaseException.Rule(ex, field);
        }
    }
}
