using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Distribution;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Application.CustomerVouchers;

/// <summary>
/// Customer vouchers (Type III) of the caller: issue (customer discount, directly, to one or more of its
/// customers), get, list, withdraw, and the associated partner voucher of a product-trial one. Issuance
/// and withdrawal commit atomically with the template lock, the quota pool (second-level resellers) and
/// the idempotency record.
/// </summary>
public sealed class CustomerVoucherService(
    IVoucherStore vouchers,
    ITemplateStore templates,
    ICustomerStore customers,
    IQuotaPoolStore pools,
    IVendorCatalogStore catalog,
    IPartnerCommitFactory commits,
    OptimisticRetry retry,
    TimeProvider clock)
{
    /// <summary>
    /// Customers per issuance: each voucher is two writes (its row and id pointer) in the single atomic commit (≤ 100 writes
    /// with template, pool, idempotency record and the outbox row of the vouchers' events).
    /// </summary>
    public const int MaxCustomersPerIssuance = 48;

    /// <summary>Customers one summary covers.</summary>
    public const int MaxCustomersPerSummary = 20;

    public async Task<Idempotent<IssuedVouchersDto>> IssueAsync(Actor actor, IdempotentCommand idempotency, IssueCustomerVouchersRequest request, CancellationToken cancellationToken)
    {
        var issuer = actor.AsIssuer();
        var templateId = Require.Text(request.TemplateId, "templateId");
        var uins = Require.Field(request.CustomerUins, "customerUins");
        if (uins.Count is 0 or > MaxCustomersPerIssuance || uins.Distinct(StringComparer.Ordinal).Count() != uins.Count)
        {
            throw UseCaseException.InvalidInput(UseCaseErrorCodes.TooManyCustomers, $"Give 1 to {MaxCustomersPerIssuance} distinct customer UINs.", "customerUins");
        }

        Require.Valid(() => Domain.Text.TextFields.VoucherNote.Optional(request.Note), "note");

        // Concurrent issuances race for the template lock and the quota pool: the loser re-reads and tries
        // again, so it ends as an issuance or as a clear refusal (quota.insufficient), never a lost race.
        return await retry.RunAsync(ct => IssueOnceAsync(issuer, idempotency, request, templateId, uins, ct), cancellationToken);
    }

    private async Task<Idempotent<IssuedVouchersDto>> IssueOnceAsync(Issuer issuer, IdempotentCommand idempotency, IssueCustomerVouchersRequest request, string templateId, IReadOnlyList<string> uins, CancellationToken cancellationToken)
    {
        var template = await Require.Found(templateId, () => templates.GetAsync(issuer.PartnerId, templateId, cancellationToken), "template");
        var amount = request.Amount is null ? template.Value.DefaultAmount : Amounts.Parse(request.Amount, template.Value.Currency, "amount");
        var found = (await customers.GetManyAsync(issuer.PartnerId, uins.Where(Domain.Ids.Ids.IsValid).ToList(), cancellationToken)).ToDictionary(c => c.Value.Uin, c => c.Value, StringComparer.Ordinal);
        var missing = uins.FirstOrDefault(u => !found.ContainsKey(u));
        if (missing is not null)
        {
            throw UseCaseException.NotFound(UseCaseErrorCodes.NotFound, $"'{missing}' is not one of your customers.", "customerUins");
        }

        var pool = issuer.Tier == PartnerTier.SecondLevelReseller ? await pools.GetAsync(issuer.DistributorId!, issuer.PartnerId, cancellationToken) : null;
        var (blocklist, _) = await catalog.GetBlocklistAsync(cancellationToken);
        var now = clock.GetUtcNow();

        var issued = new List<Voucher>();
        VoucherTemplate current = template.Value;
        QuotaPool? currentPool = pool?.Value;
        foreach (var uin in uins)
        {
            var issuance = VoucherFactory.IssueCustomerDiscount(idempotency.Key, current, issuer, found[uin], amount, blocklist.Freeze(), now, currentPool, request.Note);
            issued.Add(issuance.Voucher);
            current = issuance.Template;
            currentPool = issuance.QuotaPool;
        }

        var result = new IssuedVouchersDto(issued.Select(v => VoucherDto.From(v, now)).ToList());
        var commit = commits.Begin(issuer.PartnerId);
        issued.ForEach(v => commit.AddVoucher(v));
        if (!template.Value.IsLocked)
        {
            commit.UpdateTemplate(current, template.Version);
        }

        if (pool is not null && currentPool is not null)
        {
            commit.UpdateQuotaPool(currentPool, pool.Version);
        }

        return await CommitOnceAsync(commit, idempotency, result, cancellationToken);
    }

    public async Task<VoucherDto> GetAsync(string partnerId, string voucherId, CancellationToken cancellationToken) =>
        VoucherDto.From((await Find(partnerId, voucherId, cancellationToken)).Value, clock.GetUtcNow());

    /// <summary>
    /// Lists with the spec's filters. Status is the status as seen now: "active" excludes vouchers past their
    /// expiry, and "expired" includes active ones past their expiry that no sweep has marked yet (a page may
    /// then hold fewer items than asked for; follow the continuation token).
    /// </summary>
    public async Task<PageDto<VoucherDto>> ListAsync(string partnerId, CustomerVoucherListQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expired = query.Status == VoucherStatus.Expired;
        var filter = new VoucherQuery(partnerId)
        {
            Type = VoucherType.TypeIII,
            Status = expired ? null : query.Status,
            Purpose = query.Purpose,
            CustomerUin = query.CustomerUin,
            ProductScopeKind = query.ProductScope,
            PaymentMode = query.PaymentMode,
            ExpiresFrom = query.Status == VoucherStatus.Active && (query.ExpiresFrom is null || query.ExpiresFrom < now) ? now : query.ExpiresFrom,
            ExpiresBefore = expired && (query.ExpiresBefore is null || query.ExpiresBefore > now) ? now : query.ExpiresBefore,
        };
        var found = await vouchers.ListAsync(filter, page, cancellationToken);
        var items = found.Items.Select(v => v.Value).Where(v => query.Status is null || v.StatusAt(now) == query.Status);
        return new PageDto<VoucherDto>(items.Select(v => VoucherDto.From(v, now)).ToList(), found.ContinuationToken);
    }

    /// <summary>Withdraws an unused, unexpired customer-discount voucher; a second-level reseller's quota gets its amount back.</summary>
    public Task<Idempotent<VoucherDto>> WithdrawAsync(Actor actor, IdempotentCommand idempotency, string voucherId, CancellationToken cancellationToken) =>
        retry.RunAsync(ct => WithdrawOnceAsync(actor.RequirePartnerId(), idempotency, voucherId, ct), cancellationToken);

    private async Task<Idempotent<VoucherDto>> WithdrawOnceAsync(string partnerId, IdempotentCommand idempotency, string voucherId, CancellationToken cancellationToken)
    {
        var stored = await Find(partnerId, voucherId, cancellationToken);
        var now = clock.GetUtcNow();
        var withdrawn = stored.Value.Withdraw(now);
        var result = VoucherDto.From(withdrawn, now);
        var commit = commits.Begin(partnerId).UpdateVoucher(stored, withdrawn);
        if (withdrawn.FundingParty == FundingParty.Distributor && withdrawn.DistributorId is { } distributorId
            && await pools.GetAsync(distributorId, partnerId, cancellationToken) is { } pool)
        {
            commit.UpdateQuotaPool(pool.Value.Return(withdrawn.Amount, now), pool.Version);
        }

        return await CommitOnceAsync(commit, idempotency, result, cancellationToken);
    }

    /// <summary>Commits the effect with the idempotency record of its result; a duplicate answers the first result.</summary>
    private static async Task<Idempotent<T>> CommitOnceAsync<T>(IPartnerCommit commit, IdempotentCommand idempotency, T result, CancellationToken cancellationToken)
    {
        commit.AddIdempotency(idempotency.RecordOf(result));
        idempotency.MarkStoredWithEffect();
        var outcome = await commit.CommitAsync(cancellationToken);
        return outcome.DuplicateOf is { } first ? Idempotent<T>.Replay(IdempotentCommand.ResultOf<T>(first)) : Idempotent<T>.First(result);
    }

    /// <summary>The partner voucher (Type II) a product-trial customer voucher was issued beside.</summary>
    public async Task<VoucherDto> GetAssociatedAsync(string partnerId, string voucherId, CancellationToken cancellationToken)
    {
        var voucher = (await Find(partnerId, voucherId, cancellationToken)).Value;
        if (voucher.AssociatedVoucherId is null)
        {
            throw UseCaseException.NotFound(Domain.Errors.ErrorCodes.VoucherNotAssociated, $"Voucher '{voucherId}' has no associated partner voucher (only product-trial vouchers have one).");
        }

        // For a second-level reseller's customer, the Type II lives in the books of the distributor that applied.
        var associated = await vouchers.GetAsync(voucher.DistributorId ?? partnerId, voucher.AssociatedVoucherId, cancellationToken)
            ?? throw UseCaseException.NotFound("associated voucher");
        return VoucherDto.From(associated.Value, clock.GetUtcNow());
    }

    public async Task<SummaryDto> SummarizeAsync(string partnerId, SummaryQuery query, CancellationToken cancellationToken)
    {
        var uins = query.CustomerUins ?? [];
        if (uins.Count is 0 or > MaxCustomersPerSummary || uins.Any(u => !Domain.Ids.Ids.IsValid(u)))
        {
            throw UseCaseException.InvalidInput(UseCaseErrorCodes.QueryInvalid, $"Give 1 to {MaxCustomersPerSummary} valid customer UINs in customerUins.", "customerUins");
        }

        var distinct = uins.Distinct(StringComparer.Ordinal).ToList();
        var rows = await vouchers.SummarizeByCustomerAsync(partnerId, distinct, VoucherType.TypeIII, cancellationToken);
        var result = distinct.SelectMany(uin =>
        {
            var mine = rows.Where(r => r.CustomerUin == uin).ToList();
            return mine.Count == 0
                ? [new CustomerSummaryDto(uin, null, 0, "0", "0")]
                : mine.Select(r => new CustomerSummaryDto(uin, r.Currency.Code, r.Count, r.Total.ToString(), r.Remaining.ToString()));
        }).ToList();
        return new SummaryDto(result);
    }

    /// <summary>A customer voucher of this partner; anything else (another partner's, a partner voucher, an unknown id) is not found.</summary>
    private async Task<Versioned<Voucher>> Find(string partnerId, string voucherId, CancellationToken cancellationToken)
    {
        var found = await Require.Found(voucherId, () => vouchers.GetAsync(partnerId, voucherId, cancellationToken), "customer voucher");
        return found.Value.Type == VoucherType.TypeIII ? found : throw UseCaseException.NotFound("customer voucher");
    }
}
