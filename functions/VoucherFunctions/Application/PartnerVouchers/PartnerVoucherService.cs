using System.Security.Cryptography;
using System.Text;
using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage;

using VoucherFunctions.Application.CustomerVouchers;

namespace VoucherFunctions.Application.PartnerVouchers;

/// <summary>
/// Partner vouchers (Type I general, Type II trial): list and get for their partner, the Type II → Type III
/// navigation, invalidation with its cascade, and the channel manager's Type I grants.
/// </summary>
public sealed class PartnerVoucherService(
    IVoucherStore vouchers,
    IApplicationStore applications,
    IPartnerCommitFactory commits,
    IVendorCatalogStore catalog,
    OptimisticRetry retry,
    TimeProvider clock)
{
    private static readonly VoucherType[] PartnerVoucherTypes = [VoucherType.TypeI, VoucherType.TypeII];

    public async Task<PageDto<VoucherDto>> ListAsync(string partnerId, PartnerVoucherListQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        if (query.Type == VoucherType.TypeIII)
        {
            throw UseCaseException.Invalid("type", "Partner vouchers are typeI or typeII; customer vouchers have their own list.");
        }
        var filter = new VoucherQuery(partnerId)
        {
            Types = query.Type is { } type ? [type] : PartnerVoucherTypes,
            Status = query.Status,
            CustomerUin = query.CustomerUin,
            ApplicationId = query.ApplicationId,
            PaymentMode = query.PaymentMode,
            ProductScopeKind = query.ProductScope,
            ExpiresFrom = query.ExpiresFrom,
            ExpiresBefore = query.ExpiresBefore,
        };
        var now = clock.GetUtcNow();
        return (await vouchers.ListAsync(filter, page, cancellationToken)).Map(v => VoucherDto.From(v.Value, now));
    }

    public async Task<VoucherDto> GetAsync(string partnerId, string voucherId, CancellationToken cancellationToken) =>
        VoucherDto.From((await LoadPartnerVoucherAsync(partnerId, voucherId, cancellationToken)).Value, clock.GetUtcNow());

    /// <summary>The Type III customer vouchers issued beside a Type II.</summary>
    public async Task<IReadOnlyList<VoucherDto>> AssociatedCustomerVouchersAsync(string partnerId, string voucherId, CancellationToken cancellationToken)
    {
        var partnerVoucher = (await LoadPartnerVoucherAsync(partnerId, voucherId, cancellationToken)).Value;
        var now = clock.GetUtcNow();
        return (await AssociatedAsync(partnerVoucher, cancellationToken)).Select(v => VoucherDto.From(v.Value, now)).ToList();
    }

    /// <summary>
    /// Invalidates a Type II voucher, irreversibly (the domain refuses other types); the unused balance of its
    /// customer vouchers is withdrawn in the same atomic write (used amounts stay in history). Retried when a
    /// bill deducts meanwhile.
    /// </summary>
    public Task<Idempotent<InvalidationDto>> InvalidateAsync(string partnerId, string voucherId, IdempotentCommand idempotency, CancellationToken cancellationToken) =>
        retry.RunAsync(async ct =>
        {
            var partnerVoucher = await LoadPartnerVoucherAsync(partnerId, voucherId, ct);
            var associated = await AssociatedAsync(partnerVoucher.Value, ct);
            var now = clock.GetUtcNow();
            var result = VoucherInvalidation.Invalidate(partnerVoucher.Value, associated.Select(v => v.Value).ToArray(), now);

            var invalidation = new InvalidationDto(
                VoucherDto.From(result.PartnerVoucher, now),
                result.CustomerVouchers.Select(v => VoucherDto.From(v, now)).ToList());

            // A second-level reseller's customer vouchers live in that reseller's books: withdraw them there
            // first (invalidation is idempotent, so a retry after a stop in between finishes the job).
            var elsewhere = result.CustomerVouchers.Where(v => v.PartnerId != partnerId).ToList();
            if (elsewhere.Count > 0)
            {
                var resellerCommit = commits.Begin(elsewhere[0].PartnerId);
                elsewhere.ForEach(v => resellerCommit.UpdateVoucher(AsRead(associated, v), v));
                await resellerCommit.CommitAsync(ct);
            }
            var commit = commits.Begin(partnerId).UpdateVoucher(partnerVoucher, result.PartnerVoucher);
            foreach (var customerVoucher in result.CustomerVouchers.Where(v => v.PartnerId == partnerId))
            {
                commit.UpdateVoucher(AsRead(associated, customerVoucher), customerVoucher);
            }
            commit.AddIdempotency(idempotency.RecordOf(invalidation));
            var outcome = await commit.CommitAsync(ct);
            idempotency.MarkStoredWithEffect();
            return outcome.DuplicateOf is { } first
                ? Idempotent<InvalidationDto>.Replay(IdempotentCommand.ResultOf<InvalidationDto>(first))
                : Idempotent<InvalidationDto>.First(invalidation);
        }, cancellationToken);

    /// <summary>
    /// A channel manager grants a Type I voucher: vendor-funded, effective at once, the current blocklist frozen on it.
    /// The voucher id derives from the Idempotency-Key, so a repeat finds the first grant instead of making a second
    /// and answers it again (201, Idempotent-Replayed); the same key with another grant is refused.
    /// </summary>
    public async Task<Idempotent<VoucherDto>> GrantGeneralAsync(string partnerId, string idempotencyKey, GrantGeneralVoucherRequest request, CancellationToken cancellationToken)
    {
        if (!Domain.Ids.Ids.IsValid(partnerId))
        {
            throw UseCaseException.NotFound("partner");
        }

        var name = Require.Valid(() => Domain.Text.TextFields.VoucherName.Required(Require.Text(request.Name, "name")), "name");
        var note = Require.Valid(() => Domain.Text.TextFields.VoucherNote.Optional(request.Note), "note");
        var currency = Amounts.Currency(request.Currency, "currency");
        var amount = Amounts.Parse(request.Amount, currency, "amount");
        var scope = Require.Field(request.ProductScope, "productScope").ToDomain("productScope");
        var validity = Require.Field(request.Validity, "validity").ToDomain("validity");
        var (blocklist, _) = await catalog.GetBlocklistAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var voucher = Require.Valid(
            () => VoucherFactory.GrantGeneral(GeneralVoucherId(partnerId, idempotencyKey), partnerId, name, amount, scope,
                request.PaymentModeScope ?? Domain.Scopes.PaymentModeScope.All, validity, blocklist.Freeze(), now, note),
            "body");
        try
        {
            return Idempotent<VoucherDto>.First(VoucherDto.From((await vouchers.AddAsync(voucher, cancellationToken)).Value, now));
        }
        catch (ConcurrencyConflictException)
        {
            var first = (await vouchers.GetAsync(partnerId, voucher.VoucherId, cancellationToken))!;
            var sameGrant = first.Value.Amount == voucher.Amount && first.Value.Name == voucher.Name && first.Value.Note == voucher.Note
                && first.Value.ProductScope == voucher.ProductScope && first.Value.PaymentModeScope == voucher.PaymentModeScope
                && validity.ExpiryFor(first.Value.EffectiveFrom) == first.Value.ExpiresAt;
            return sameGrant
                ? Idempotent<VoucherDto>.Replay(VoucherDto.From(first.Value, now))
                : throw UseCaseException.KeyReused("The Idempotency-Key was already used for a different grant to this partner.");
        }
    }

    private static string GeneralVoucherId(string partnerId, string idempotencyKey) =>
        "v1-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(partnerId + "\n" + idempotencyKey)))[..40];

    private async Task<Versioned<Voucher>> LoadPartnerVoucherAsync(string partnerId, string voucherId, CancellationToken cancellationToken)
    {
        var voucher = await Require.Found(voucherId, () => vouchers.GetAsync(partnerId, voucherId, cancellationToken), "partner voucher");
        return voucher.Value.Type is VoucherType.TypeI or VoucherType.TypeII ? voucher : throw UseCaseException.NotFound("partner voucher");
    }

    /// <summary>The Type III vouchers issued beside a Type II: in its partner's books, or in those of the second-level reseller it was applied for.</summary>
    private async Task<IReadOnlyList<Versioned<Voucher>>> AssociatedAsync(Voucher partnerVoucher, CancellationToken cancellationToken)
    {
        if (partnerVoucher.Type != VoucherType.TypeII)
        {
            return [];
        }
        var application = partnerVoucher.ApplicationId is null ? null : await applications.GetAsync(partnerVoucher.PartnerId, partnerVoucher.ApplicationId, cancellationToken);
        var books = application?.Value.SecondLevelResellerId ?? partnerVoucher.PartnerId;
        // Issued for the Type II's customer, so the query reads that customer's Type III range only.
        var page = await vouchers.ListAsync(new VoucherQuery(books) { Type = VoucherType.TypeIII, CustomerUin = partnerVoucher.CustomerUin, AssociatedVoucherId = partnerVoucher.VoucherId }, PageRequest.First(), cancellationToken);
        return page.Items;
    }

    private static Versioned<Voucher> AsRead(IReadOnlyList<Versioned<Voucher>> read, Voucher voucher) => read.Single(v => v.Value.VoucherId == voucher.VoucherId);
}
