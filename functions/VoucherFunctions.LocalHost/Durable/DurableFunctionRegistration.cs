using Microsoft.DurableTask;
using VoucherFunctions.LocalHost.Discovery;

namespace VoucherFunctions.LocalHost.Durable;

/// <summary>
/// Registers a function assembly's orchestrator and activity functions with a Durable Task worker, under
/// their function names. Used by the local host and by orchestration tests on the in-process test host,
/// so both run the real functions the same way.
/// </summary>
public static class DurableFunctionRegistration
{
    /// <summary>Refuses, before anything starts, an orchestrator or activity whose parameters cannot be supplied.</summary>
    public static void Validate(IEnumerable<FunctionDescriptor> functions)
    {
        foreach (var function in functions)
        {
            if (function.Trigger == TriggerKind.Orchestration)
            {
                FunctionOrchestrator.Validate(function);
            }
            else if (function.Trigger == TriggerKind.Activity)
            {
                FunctionActivity.Validate(function);
            }
        }
    }

    public static void Register(DurableTaskRegistry registry, IEnumerable<FunctionDescriptor> functions, Func<IServiceProvider> services)
    {
        Validate(functions);
        foreach (var function in functions)
        {
            switch (function.Trigger)
            {
                case TriggerKind.Orchestration:
                    registry.AddOrchestrator(function.Name, () => new FunctionOrchestrator(function, services()));
                    break;
                case TriggerKind.Activity:
                    // Activities get the application's services, not the worker's own provider.
                    registry.AddActivity(function.Name, _ => new FunctionActivity(function, services()));
                    break;
            }
        }
    }
}
