using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace VoucherFunctions.Benchmarks;

/// <summary>How a host's telemetry is set: its settings (OTEL_* and the app's).</summary>
public sealed record TelemetryMode(string Name, IReadOnlyDictionary<string, string?> Settings);

/// <summary>
/// What one host got through in its window, the CPU time its process used meanwhile, the spans it recorded, and how
/// old its emulator was when the window ended.
/// </summary>
public sealed record WindowResult(string Mode, int Bills, double Seconds, double CpuMilliseconds, string? Spans, double EmulatorAgeSeconds)
{
    /// <summary>Whether the window ended before the emulator's first queue clean-up (see <see cref="TelemetryAtOnce.EmulatorCleanUp"/>).</summary>
    public bool BeforeCleanUp => EmulatorAgeSeconds < TelemetryAtOnce.EmulatorCleanUp.TotalSeconds;

    public double BillsPerSecond => Bills / Seconds;

    public double CpuMsPerBill => CpuMilliseconds / Bills;
}

/// <summary>
/// Telemetry's overhead, measured with the modes side by side. Each round starts one child process of this benchmark
/// per mode (its own Azurite, its own local host, the same partners and bills), lets each warm up, then releases them
/// together for the same window. This machine runs in phases of minutes in which the same work costs some 20% more
/// CPU for every mode; run at once, every mode is in the same phase, so each round's ratio (mode / off) is paired by
/// construction. The children share the cores: on a saturated machine a mode that costs more CPU per bill gets fewer
/// bills through in the window, so bills/s and CPU per bill both show the overhead.
/// A child lives less than a minute: in-memory Azurite cleans its queues up every 60 s and answers nothing while it
/// does, for a time that grows with the messages removed (seen here as requests waiting 40 s, the platform notes have
/// the rest). A round in which any child's window ended after that is shown and left out of the summary.
/// </summary>
public static class TelemetryAtOnce
{
    /// <summary>In-memory Azurite's first queue clean-up, counted from its start (the child's start).</summary>
    public static readonly TimeSpan EmulatorCleanUp = TimeSpan.FromSeconds(60);

    /// <summary>Each child's warm-up before the window: JIT (tiering is off in a child), connections, the seeded rows read once.</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(8);

    private const string ChildArgument = "--telemetry-child=";
    private const string EndpointArgument = "--telemetry-endpoint=";
    private const string WindowArgument = "--telemetry-window=";
    private const string ReadyLine = "telemetry child ready";
    private const string GoLine = "go";
    private const string ResultPrefix = "telemetry child result ";

    /// <summary>A child's part: which mode it runs, where the exporting modes send, how long it measures.</summary>
    public sealed record Child(int Mode, string Endpoint, TimeSpan Window);

    public static Child? ChildOf(IReadOnlyList<string> args) =>
        Value(args, ChildArgument) is { } mode
            ? new Child(int.Parse(mode, CultureInfo.InvariantCulture), Value(args, EndpointArgument) ?? "", WindowOf(args))
            : null;

    /// <summary>The measuring window: <c>--telemetry-window=&lt;seconds&gt;</c>, 20 s unless given (start, seeding and warm-up take most of the rest of a minute).</summary>
    public static TimeSpan WindowOf(IReadOnlyList<string> args) =>
        TimeSpan.FromSeconds(Value(args, WindowArgument) is { } seconds ? int.Parse(seconds, CultureInfo.InvariantCulture) : 20);

    /// <summary>In a child: says it is warmed up and waits until the parent releases every child at once; false when the parent is gone.</summary>
    public static async Task<bool> WaitForGoAsync()
    {
        Console.WriteLine(ReadyLine);
        return await Console.In.ReadLineAsync() == GoLine;
    }

    /// <summary>In a child: hands its result to the parent.</summary>
    public static void Report(WindowResult result) => Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));

    /// <summary>
    /// Runs one round: a child per mode, released together; their results in mode order. The children start, and are
    /// released, in an order rotated by <paramref name="round"/>, so being first or last is no mode's own.
    /// </summary>
    public static async Task<WindowResult[]> RoundAsync(int round, int modes, string endpoint, TimeSpan window, IEnumerable<string> passOn)
    {
        var order = Enumerable.Range(0, modes).Select(i => (i + round) % modes).ToArray();
        var children = new ChildProcess[modes];
        foreach (var mode in order)
        {
            children[mode] = ChildProcess.Start(mode, [.. passOn, $"{ChildArgument}{mode}", $"{EndpointArgument}{endpoint}", $"{WindowArgument}{(int)window.TotalSeconds}"]);
        }

        try
        {
            await Task.WhenAll(children.Select(c => c.Ready)).WaitAsync(TimeSpan.FromMinutes(10));
            foreach (var mode in order)
            {
                await children[mode].GoAsync();
            }

            var results = await Task.WhenAll(children.Select(c => c.Result)).WaitAsync(window + TimeSpan.FromMinutes(5));
            await Task.WhenAll(children.Select(c => c.ExitAsync(TimeSpan.FromMinutes(2))));
            return results;
        }
        finally
        {
            foreach (var child in children)
            {
                child.Dispose();
            }
        }
    }

    /// <summary>Each mode against the first (telemetry off) of its own round, averaged over the rounds with about two standard errors.</summary>
    public static void Print(IReadOnlyList<WindowResult[]> all, IReadOnlyList<TelemetryMode> modes)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(modes);
        var rounds = all.Where(r => r.All(c => c.BeforeCleanUp)).ToArray();
        if (rounds.Length < all.Count)
        {
            Console.WriteLine($"left out: {all.Count - rounds.Length} of {all.Count} rounds, a window that ended after its emulator's first queue clean-up ({EmulatorCleanUp.TotalSeconds:F0} s)");
        }

        if (rounds.Length == 0)
        {
            return;
        }

        for (var m = 1; m < modes.Count; m++)
        {
            var mode = m;
            Console.WriteLine($"{modes[mode].Name} / {modes[0].Name}, at once in {rounds.Length} rounds (target: overhead under 5%)");
            Console.WriteLine($"  bills/s                   : {Paired(rounds, mode, r => r.BillsPerSecond)}");
            Console.WriteLine($"  CPU per bill, its process : {Paired(rounds, mode, r => r.CpuMsPerBill)}");
        }
    }

    private static string Paired(IReadOnlyList<WindowResult[]> rounds, int mode, Func<WindowResult, double> value)
    {
        var ratios = rounds.Select(r => value(r[mode]) / value(r[0])).ToArray();
        var mean = ratios.Average();
        var margin = ratios.Length < 2 ? double.NaN : 2 * Math.Sqrt(ratios.Sum(v => (v - mean) * (v - mean)) / (ratios.Length - 1) / ratios.Length);
        return string.Create(CultureInfo.InvariantCulture, $"{mean:F3} ± {margin:F3}  (rounds: {string.Join(" ", ratios.Select(v => v.ToString("F3", CultureInfo.InvariantCulture)))})");
    }

    private static string? Value(IReadOnlyList<string> args, string prefix) =>
        args.FirstOrDefault(a => a.StartsWith(prefix, StringComparison.Ordinal)) is { } arg ? arg[prefix.Length..] : null;

    /// <summary>This benchmark started again as a child: its output read line by line, the protocol lines kept, the rest shown.</summary>
    private sealed class ChildProcess : IDisposable
    {
        private readonly Process _process;
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<WindowResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private ChildProcess(Process process, int mode)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => OnLine(mode, e.Data);
            _process.ErrorDataReceived += (_, e) => Show(mode, e.Data);
        }

        public Task Ready => _ready.Task;

        public Task<WindowResult> Result => _result.Task;

        public static ChildProcess Start(int mode, IEnumerable<string> args)
        {
            // As `dotnet <the dll>` when this runs under the dotnet host, else this app's own executable.
            var self = Environment.ProcessPath ?? throw new InvalidOperationException("No path to this process.");
            var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                start.ArgumentList.Add(typeof(TelemetryAtOnce).Assembly.Location);
            }

            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            // Each method compiled once, fully optimised, when first called (in the warm-up), not recompiled by tiering
            // in the window. A child lives less than a minute; with tiering on, a CPU profile of hosts 20 s old (perf,
            // cpu-clock) found the JIT in 31-42% of their samples, a cost a long-running host has long paid and that the
            // exporting modes paid more of, having more code to compile (README, Telemetry overhead: runs F and G).
            // The price: the window's code has no dynamic PGO, in every mode alike.
            start.Environment["DOTNET_TieredCompilation"] = "0";
            var process = new Process { StartInfo = start };
            var child = new ChildProcess(process, mode);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return child;
        }

        public async Task GoAsync()
        {
            await _process.StandardInput.WriteLineAsync(GoLine);
            await _process.StandardInput.FlushAsync();
        }

        public async Task ExitAsync(TimeSpan timeout) => await _process.WaitForExitAsync().WaitAsync(timeout);

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                // Its Azurite too.
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }

        private static void Show(int mode, string? line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                Console.WriteLine($"    [child {mode}] {line}");
            }
        }

        private void OnLine(int mode, string? line)
        {
            if (line is null)
            {
                // The end of its output: it exited (or is about to), whatever it had not said yet it will not say.
                _ready.TrySetException(new InvalidOperationException($"Telemetry child {mode} ended before it was ready."));
                _result.TrySetException(new InvalidOperationException($"Telemetry child {mode} ended without a result."));
            }
            else if (line == ReadyLine)
            {
                _ready.TrySetResult();
            }
            else if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                _result.TrySetResult(JsonSerializer.Deserialize<WindowResult>(line[ResultPrefix.Length..])!);
            }
            else if (!line.StartsWith("Bill pipeline benchmark", StringComparison.Ordinal))
            {
                Show(mode, line);
            }
        }
    }
}
