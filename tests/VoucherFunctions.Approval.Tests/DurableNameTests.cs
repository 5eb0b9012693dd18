using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Approval;

namespace VoucherFunctions.Approval.Tests;

/// <summary>
/// Durable functions are registered, scheduled and recorded in every instance's history by name, so the names
/// say which method runs (an orchestrator's, its class, as a C# method cannot share its class's name) and the
/// names in-flight reviews were scheduled under stay.
/// </summary>
public sealed class DurableNameTests
{
    private static readonly IReadOnlyList<(string Name, MethodInfo Method, bool Orchestrator)> Durable =
        typeof(ApprovalActivities).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(), Method: m, Parameters: m.GetParameters()))
            .Where(x => x.Function is not null && x.Parameters.Any(p => p.IsDefined(typeof(ActivityTriggerAttribute)) || p.IsDefined(typeof(OrchestrationTriggerAttribute))))
            .Select(x => (x.Function!.Name, x.Method, x.Parameters.Any(p => p.IsDefined(typeof(OrchestrationTriggerAttribute)))))
            .ToList();

    [Fact]
    public void Every_activity_is_named_after_its_method_and_every_orchestrator_after_its_class()
    {
        Assert.NotEmpty(Durable);
        Assert.All(Durable, d => Assert.Equal(d.Orchestrator ? d.Method.DeclaringType!.Name : d.Method.Name, d.Name));
    }

    [Fact]
    public void The_names_in_flight_reviews_were_scheduled_under_still_exist()
    {
        string[] recorded = ["ApprovalOrchestrator", "MarkApplicationOverdue", "SettleApplication", "ActivateTrialVouchers", "IssueTrialCustomerVoucher", "RecordVouchersIssued"];

        Assert.All(recorded, name => Assert.Contains(name, Durable.Select(d => d.Name)));
    }
}
