using System.Diagnostics;
using System.Globalization;

namespace VoucherFunctions.Benchmarks;

/// <summary>
/// CPU time used so far: by this process (the app on the local host, the benchmark's senders and readers, the OTLP
/// stand-in) and by the whole machine (Azurite's Node.js process too). The difference of two readings over a run, per
/// bill, is what the run cost in CPU; on a machine whose cores are all busy it varies less between rounds than
/// throughput, which also waits on scheduling.
/// </summary>
public readonly record struct CpuUse(TimeSpan Process, TimeSpan? Machine)
{
    public static CpuUse Now()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return new CpuUse(self.TotalProcessorTime, MachineBusy());
    }

    public static CpuUse operator -(CpuUse after, CpuUse before) =>
        new(after.Process - before.Process, after.Machine is { } a && before.Machine is { } b ? a - b : null);

    // Linux: the first line of /proc/stat sums all cores in clock ticks (USER_HZ, 100 a second on Linux):
    // user nice system idle iowait irq softirq steal ...; busy is all but idle and iowait. Elsewhere: unknown.
    private static TimeSpan? MachineBusy()
    {
        const double TicksPerSecond = 100;
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/stat"))
        {
            return null;
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7];
        return TimeSpan.FromSeconds(busy / TicksPerSecond);
    }
}
