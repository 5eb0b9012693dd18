using System.Security.Cryptography;
using System.Text;
using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Text;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Application.Templates;

/// <summary>Partner-voucher and customer-voucher templates: create, edit until used (ETag-checked), get, query.</summary>
public sealed class TemplateService(ITemplateStore templates, TimeProvider clock)
{
    /// <summary>Creates a template. Its id derives from the Idempotency-Key, so a retried create finds the one it made.</summary>
    public async Task<Versioned<TemplateDto>> CreateAsync(string partnerId, string idempotencyKey, TemplateRequest request, CancellationToken cancellationToken)
    {
        var family = Require.Field(request.Family, "family");
        var templateId = "tpl-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(partnerId + "\n" + idempotencyKey)))[..24];
        var now = clock.GetUtcNow();
        var template = Require.Valid(() => VoucherTemplate.Create(templateId, partnerId, family, Content(request, family, now), now), "body");
        try
        {
            return Map(await templates.AddAsync(template, cancellationToken));
        }
        catch (ConcurrencyConflictException)
        {
            // Created by an earlier attempt with the same key whose answer was lost.
            return Map(await templates.GetAsync(partnerId, templateId, cancellationToken) ?? throw UseCaseException.NotFound("template"));
        }
    }

    public async Task<Versioned<TemplateDto>> GetAsync(string partnerId, string templateId, CancellationToken cancellationToken) =>
        Map(await Find(partnerId, templateId, cancellationToken));

    /// <summary>Replaces the content if the template is unused and still at the version the caller read (If-Match).</summary>
    public async Task<Versioned<TemplateDto>> EditAsync(string partnerId, string templateId, string expectedVersion, TemplateRequest request, CancellationToken cancellationToken)
    {
        var current = await Find(partnerId, templateId, cancellationToken);
        if (request.Family is { } family && family != current.Value.Family)
        {
            throw UseCaseException.Invalid("family", "A template's family cannot change.");
        }

        if (!string.Equals(current.Version, expectedVersion, StringComparison.Ordinal))
        {
            throw UseCaseException.StaleVersion();
        }

        var now = clock.GetUtcNow();
        var edited = current.Value.Edit(Require.Valid(() => Content(request, current.Value.Family, now), "body"), now);
        try
        {
            return Map(await templates.UpdateAsync(edited, expectedVersion, cancellationToken));
        }
        catch (ConcurrencyConflictException)
        {
            throw UseCaseException.StaleVersion();
        }
    }

    public async Task<PageDto<TemplateDto>> ListAsync(string partnerId, TemplateListQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        var filter = new TemplateQuery(partnerId)
        {
            Family = query.Family,
            NamePrefix = query.Name,
            Purpose = query.Purpose,
            ProductScopeKind = query.ProductScope,
            PaymentModeScope = query.PaymentModeScope,
            Locked = query.Locked,
            CreatedFrom = query.CreatedFrom,
            CreatedBefore = query.CreatedBefore,
        };
        return (await templates.ListAsync(filter, page, cancellationToken)).Map(t => TemplateDto.From(t.Value));
    }

    private Task<Versioned<VoucherTemplate>> Find(string partnerId, string templateId, CancellationToken cancellationToken) =>
        Require.Found(templateId, () => templates.GetAsync(partnerId, templateId, cancellationToken), "template");

    /// <summary>The request as template content, each refusal reported against its field (the domain checks the same rules again).</summary>
    private static TemplateContent Content(TemplateRequest request, TemplateFamily family, DateTimeOffset now)
    {
        var name = Require.Valid(() => TextFields.TemplateName.Required(Require.Text(request.Name, "name")), "name");
        var note = Require.Valid(() => TextFields.TemplateNote.Optional(request.Note), "note");
        var currency = Amounts.Currency(request.Currency, "currency");
        var validity = Require.Field(request.Validity, "validity").ToDomain("validity");
        if (validity.Kind == ValidityKind.AbsoluteEnd)
        {
            Require.Valid(() => validity.ExpiryFor(now), "validity.end");
        }

        return new TemplateContent(
            name,
            note,
            request.Purpose ?? (family == TemplateFamily.PartnerVoucher ? VoucherPurpose.ProductTrial : VoucherPurpose.CustomerDiscount),
            Amounts.Parse(request.DefaultAmount, currency, "defaultAmount"),
            Require.Field(request.ProductScope, "productScope").ToDomain("productScope"),
            Require.Field(request.PaymentModeScope, "paymentModeScope"),
            validity);
    }

    private static Versioned<TemplateDto> Map(Versioned<VoucherTemplate> stored) => new(TemplateDto.From(stored.Value), stored.Version);
}
