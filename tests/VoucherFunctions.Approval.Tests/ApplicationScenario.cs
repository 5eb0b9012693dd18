using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Vouchers;
using Money = VoucherFunctions.Domain.Money.Money;
using Currency = VoucherFunctions.Domain.Money.Currency;

namespace VoucherFunctions.Approval.Tests;

/// <summary>
/// One partner (unique per test) with customers, a partner-voucher template and a submitted application,
/// stored through the real stores, plus its orchestration started with deadlines a test chooses.
/// </summary>
public sealed class ApplicationScenario(ApprovalHostFixture host, string partnerId, VoucherApplication application)
{
    public string PartnerId { get; } = partnerId;
    public VoucherApplication Application { get; } = application;
    public string InstanceId => ApprovalInput.InstanceIdFor(Application.ApplicationId);
    public ApprovalService Approvals => host.Services.GetRequiredService<ApprovalService>();

    public static async Task<ApplicationScenario> SubmitAsync(ApprovalHostFixture host, int customers = 1, string amount = "80")
    {
        var partnerId = "partner-" + Guid.NewGuid().ToString("N")[..10];
        var now = DateTimeOffset.UtcNow;
        var customerStore = host.Services.GetRequiredService<ICustomerStore>();
        var stored = new List<Customer>();
        for (var i = 1; i <= customers; i++)
        {
            var customer = new Customer($"{700000 + i}", partnerId, $"Customer {i}", GroupModeRole.None, organizationMode: customers > 1);
            await customerStore.AddAsync(customer);
            stored.Add(customer);
        }
        var template = VoucherTemplate.Create("tpl-trial", partnerId, TemplateFamily.PartnerVoucher,
            new TemplateContent("Trial CVM", null, VoucherPurpose.ProductTrial, Money.Parse("100", Currency.USD), ProductScope.AllowList("cvm"), PaymentModeScope.All, Validity.DaysFromEffect(30)), now);
        var templateVersion = (await host.Services.GetRequiredService<ITemplateStore>().AddAsync(template)).Version;
        var submission = VoucherApplication.Submit("app-" + Guid.NewGuid().ToString("N")[..12], partnerId, template, stored, Money.Parse(amount, Currency.USD), acknowledged: true, now);
        await host.Services.GetRequiredService<IApplicationStore>().SubmitAsync(submission, templateVersion);
        return new ApplicationScenario(host, partnerId, submission.Application);
    }

    /// <summary>
    /// Starts the orchestration with deadlines relative to now (the production ones are days away), re-reading the
    /// stored application every <paramref name="recheckEvery"/> (production default when null).
    /// </summary>
    public Task StartAsync(TimeSpan overdueAfter, TimeSpan expiresAfter, TimeSpan? recheckEvery = null, int checksPerExecution = ApprovalInput.DefaultChecksPerExecution)
    {
        var now = DateTimeOffset.UtcNow;
        var input = new ApprovalInput(PartnerId, Application.ApplicationId, now + overdueAfter, now + expiresAfter, recheckEvery ?? ApprovalOptions.DefaultRecheckInterval, checksPerExecution);
        return host.Client.ScheduleNewOrchestrationInstanceAsync(ApprovalOrchestrator.Name, input, new StartOrchestrationOptions(InstanceId));
    }

    public Task StartWithProductionDeadlinesAsync(TimeSpan? recheckEvery = null) => StartAsync(TimeSpan.FromDays(3), TimeSpan.FromDays(30), recheckEvery);

    /// <summary>
    /// Records a decision on the stored application the way the decision service does, but sends no wake-up: the
    /// decider stopped between recording it and signalling, or the durable backend dropped the signal.
    /// </summary>
    public async Task<VoucherApplication> RecordDecisionWithoutSignalAsync(ApplicationStatus decision)
    {
        var store = host.Services.GetRequiredService<IApplicationStore>();
        var stored = (await store.GetAsync(PartnerId, Application.ApplicationId))!;
        var now = DateTimeOffset.UtcNow;
        var decided = decision switch
        {
            ApplicationStatus.Approved => stored.Value.Approve("reviewer-7", now, ProductSet.Empty).Application,
            ApplicationStatus.Rejected => stored.Value.Reject("reviewer-7", "No trial for this customer", now),
            ApplicationStatus.Cancelled => stored.Value.Cancel(PartnerId, now),
            _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Only a decision can be recorded."),
        };
        return (await store.UpdateAsync(stored, decided)).Value;
    }

    /// <summary>Decides through the decision service (record, then start the orchestration if need be and wake it).</summary>
    public Task<VoucherApplication> DecideAsync(ApplicationStatus decision) => decision switch
    {
        ApplicationStatus.Approved => Approvals.ApproveAsync(host.Client, PartnerId, Application.ApplicationId, "reviewer-7", default),
        ApplicationStatus.Rejected => Approvals.RejectAsync(host.Client, PartnerId, Application.ApplicationId, "reviewer-7", "No trial for this customer", default),
        ApplicationStatus.Cancelled => Approvals.CancelAsync(host.Client, PartnerId, Application.ApplicationId, default),
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Only a decision can be made."),
    };

    public async Task<OrchestrationMetadata> CompletionAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await host.Client.WaitForInstanceCompletionAsync(InstanceId, getInputsAndOutputs: true, timeout.Token);
    }

    public async Task<VoucherApplication> StoredApplicationAsync() =>
        (await host.Services.GetRequiredService<IApplicationStore>().GetAsync(PartnerId, Application.ApplicationId))!.Value;

    public async Task<List<Voucher>> VouchersAsync(VoucherType type)
    {
        var store = host.Services.GetRequiredService<IVoucherStore>();
        var found = new List<Voucher>();
        string? token = null;
        do
        {
            var page = await store.ListAsync(new VoucherQuery(PartnerId) { Type = type }, new PageRequest(100, token));
            found.AddRange(page.Items.Select(v => v.Value));
            token = page.ContinuationToken;
        }
        while (token is not null);
        return found;
    }
}
