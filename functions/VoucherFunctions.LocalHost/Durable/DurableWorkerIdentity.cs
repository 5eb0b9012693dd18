using System.Security.Cryptography;

namespace VoucherFunctions.LocalHost.Durable;

/// <summary>
/// The id this local host process registers with the durable backend as: machine, process and a random part, so
/// hosts on one storage account (other machines, or several in one process as tests run them) never share one.
/// </summary>
public sealed record DurableWorkerIdentity(string WorkerId)
{
    public static DurableWorkerIdentity ForThisProcess() =>
        new($"local-host-{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}");
}
