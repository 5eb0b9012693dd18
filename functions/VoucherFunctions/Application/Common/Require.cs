using VoucherFunctions.Http;

namespace VoucherFunctions.Application.Common;

/// <summary>Field checks for request bodies: each failure names the field and has a stable code.</summary>
public static class Require
{
    public static T Field<T>(T? value, string field)
        where T : class => value ?? throw ApiException.Required(field);

    public static T Field<T>(T? value, string field)
        where T : struct => value ?? throw ApiException.Required(field);

    public static string Text(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw ApiException.Required(field) : value;

    /// <summary>Runs a domain parse/validation and reports its error against <paramref name="field"/>.</summary>
    public static T Valid<T>(Func<T> parse, string field)
    {
        try
        {
            return parse();
        }
        catch (Domain.Errors.DomainException ex)
        {
            throw new ApiException(ErrorStatusMap.StatusOf(ex.Code), ex.Code, ex.Message, field);
        }
    }
}
