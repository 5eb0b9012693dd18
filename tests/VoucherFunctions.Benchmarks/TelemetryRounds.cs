using System.Globalization;

namespace VoucherFunctions.Benchmarks;

/// <summary>How a host's telemetry is set for a round: its settings (OTEL_* and the app's).</summary>
public sealed record TelemetryMode(string Name, IReadOnlyDictionary<string, string?> Settings);

/// <summary>One measured round (its block: the modes' rounds next to each in time), its bills, and the CPU this process and the machine used while they ran.</summary>
public sealed record TelemetryRound(int Block, TelemetryMode Mode, RunResult Result, CpuUse Cpu, string? Spans)
{
    public double ProcessCpuMsPerBill => Cpu.Process.TotalMilliseconds / Result.Bills;

    public double? MachineCpuMsPerBill => Cpu.Machine?.TotalMilliseconds / Result.Bills;
}

/// <summary>
/// The order of the telemetry rounds and their summary. Rounds go in mirrored blocks (A B C C B A A B C …), so a drift
/// over the run weighs on every mode alike; each mode is compared with the first (telemetry off) by the ratio of the
/// means, with about two standard errors of that ratio beside it: an overhead inside that margin is not resolved.
/// The machine here runs in phases of minutes, some 20% slower than others for every mode alike (the same work costs
/// more CPU time), so each mode is also compared with the off round of its own block and those ratios averaged:
/// a phase longer than a block then cancels out.
/// </summary>
public static class TelemetryRounds
{
    public static int BlockOf(int round, int modes) => round / modes;

    public static int ModeOf(int round, int modes) => round / modes % 2 == 0 ? round % modes : modes - 1 - (round % modes);

    public static void Print(IReadOnlyList<TelemetryRound> rounds, IReadOnlyList<TelemetryMode> modes)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        ArgumentNullException.ThrowIfNull(modes);
        var off = modes[0];
        foreach (var mode in modes.Skip(1))
        {
            Console.WriteLine($"{mode.Name} / {off.Name} ({rounds.Count(r => r.Mode == mode)} and {rounds.Count(r => r.Mode == off)} rounds; target: overhead under 5%)");
            Console.WriteLine($"  bills/s                    : {Ratio(rounds, mode, off, r => r.Result.BillsPerSecond)}  (rounds {List(rounds, mode, r => r.Result.BillsPerSecond, "F0")} vs {List(rounds, off, r => r.Result.BillsPerSecond, "F0")})");
            Console.WriteLine($"  CPU per bill, this process : {Ratio(rounds, mode, off, r => r.ProcessCpuMsPerBill)}  (ms: {List(rounds, mode, r => r.ProcessCpuMsPerBill, "F2")} vs {List(rounds, off, r => r.ProcessCpuMsPerBill, "F2")})");
            if (rounds.All(r => r.MachineCpuMsPerBill is not null))
            {
                Console.WriteLine($"  CPU per bill, machine      : {Ratio(rounds, mode, off, r => r.MachineCpuMsPerBill!.Value)}  (ms: {List(rounds, mode, r => r.MachineCpuMsPerBill!.Value, "F2")} vs {List(rounds, off, r => r.MachineCpuMsPerBill!.Value, "F2")})");
            }
        }
    }

    private static string Ratio(IReadOnlyList<TelemetryRound> rounds, TelemetryMode mode, TelemetryMode off, Func<TelemetryRound, double> value)
    {
        var (m, mErr) = MeanAndStandardError(rounds.Where(r => r.Mode == mode).Select(value).ToArray());
        var (o, oErr) = MeanAndStandardError(rounds.Where(r => r.Mode == off).Select(value).ToArray());
        var ratio = m / o;
        var margin = 2 * ratio * Math.Sqrt(Math.Pow(mErr / m, 2) + Math.Pow(oErr / o, 2));
        var paired = rounds.Where(r => r.Mode == mode)
            .Select(r => rounds.Where(x => x.Block == r.Block && x.Mode == off).Select(x => value(r) / value(x)).ToArray())
            .Where(pair => pair.Length == 1).Select(pair => pair[0]).ToArray();
        var (p, pErr) = MeanAndStandardError(paired);
        return string.Create(CultureInfo.InvariantCulture, $"{ratio:F3} ± {margin:F3} of the means, {p:F3} ± {2 * pErr:F3} paired in {paired.Length} blocks");
    }

    private static (double Mean, double StandardError) MeanAndStandardError(double[] values)
    {
        var mean = values.Average();
        if (values.Length < 2)
        {
            return (mean, double.NaN);
        }

        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return (mean, Math.Sqrt(variance / values.Length));
    }

    private static string List(IReadOnlyList<TelemetryRound> rounds, TelemetryMode mode, Func<TelemetryRound, double> value, string format) =>
        string.Join(" ", rounds.Where(r => r.Mode == mode).Select(r => value(r).ToString(format, CultureInfo.InvariantCulture)));
}
