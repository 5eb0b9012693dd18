using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Benchmarks;

/// <summary>How a host's telemetry is set: its settings (OTEL_* and the app's).</summary>
public sealed record TelemetryMode(string Name, IReadOnlyDictionary<string, string?> Settings);

/// <summary>
/// What one host got through in its window, the CPU time, memory allocated and GC pauses of its process meanwhile, the
/// spans it recorded, and how old its emulator was when the window ended.
/// </summary>
public sealed record WindowResult(string Mode, int Bills, double Seconds, double CpuMilliseconds, long AllocatedBytes, double GcPauseMilliseconds, long Exceptions, long LockContentions, long WorkItems, string? Spans, double EmulatorAgeSeconds)
{
    /// <summary>Whether the window ended before the emulator's first queue clean-up (see <see cref="TelemetryAtOnce.EmulatorCleanUp"/>).</summary>
    public bool BeforeCleanUp => EmulatorAgeSeconds < TelemetryAtOnce.EmulatorCleanUp.TotalSeconds;

    public double BillsPerSecond => Bills / Seconds;

    public double CpuMsPerBill => CpuMilliseconds / Bills;

    public double AllocatedKbPerBill => AllocatedBytes / 1024.0 / Bills;

    public double GcPauseMsPerBill => GcPauseMilliseconds / Bills;

    public double ExceptionsPerBill => (double)Exceptions / Bills;

    public double LockContentionsPerBill => (double)LockContentions / Bills;

    public double WorkItemsPerBill => (double)WorkItems / Bills;
}

/// <summary>
/// Telemetry's overhead, measured with the modes side by side. Each round starts one child process of this benchmark
/// per mode (its own Azurite, its own local host, the same partners and bills), lets each warm up, then releases them
/// together for the same window. This machine runs in phases of minutes in which the same work costs some 20% more
/// CPU for every mode; run at once, every mode is in the same phase, so each round's ratio (mode / off) is paired by
/// construction. The children share the cores, but here the emulators bind the bills/s (the hosts together use about a
/// quarter of 2 cores), so the host's own CPU and allocations per bill show the overhead more than bills/s does.
/// This process sends each child's bills and reads its outcomes in the window, as a billing pipeline would from
/// elsewhere: a child's CPU is its host's alone. (With the sender in the child, its own queue calls were traced and
/// metered by the exporting hosts' listeners, which listen to the whole process: a cost no host in Azure pays.)
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
    private const string PaceArgument = "--telemetry-pace=";
    private const string ReadyLine = "telemetry child ready";
    private const string GoLine = "go";
    private const string StopPrefix = "stop ";
    private const string ResultPrefix = "telemetry child result ";

    /// <summary>What a warmed-up child tells the parent: its emulator, where the parent sends its bills, and its partners.</summary>
    public sealed record ChildReady(string Storage, IReadOnlyList<string> Partners);

    /// <summary>What the parent counted of a child's window: the bills whose outcomes came back in it, and its length.</summary>
    private sealed record Counted(int Bills, double Seconds);

    /// <summary>
    /// What a child's process has used so far: CPU, bytes allocated, time paused by the GC; and what can cost CPU
    /// without a line of its own in a profile: exceptions thrown (caught or not), lock contentions, thread-pool work items.
    /// </summary>
    private readonly record struct Usage(double CpuMilliseconds, long AllocatedBytes, double GcPauseMilliseconds, long Exceptions, long LockContentions, long WorkItems)
    {
        private static long s_exceptions;

        /// <summary>Counts every exception thrown in this process from now on.</summary>
        public static void CountExceptions() => AppDomain.CurrentDomain.FirstChanceException += (_, _) => Interlocked.Increment(ref s_exceptions);

        public static Usage Of(Process self)
        {
            self.Refresh();
            return new(self.TotalProcessorTime.TotalMilliseconds, GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration().TotalMilliseconds,
                Interlocked.Read(ref s_exceptions), Monitor.LockContentionCount, ThreadPool.CompletedWorkItemCount);
        }

        public static Usage operator -(Usage a, Usage b) => new(a.CpuMilliseconds - b.CpuMilliseconds, a.AllocatedBytes - b.AllocatedBytes, a.GcPauseMilliseconds - b.GcPauseMilliseconds,
            a.Exceptions - b.Exceptions, a.LockContentions - b.LockContentions, a.WorkItems - b.WorkItems);
    }

    /// <summary>A child's part: which mode it runs, where the exporting modes send.</summary>
    public sealed record Child(int Mode, string Endpoint);

    public static Child? ChildOf(IReadOnlyList<string> args) =>
        Value(args, ChildArgument) is { } mode ? new Child(int.Parse(mode, CultureInfo.InvariantCulture), Value(args, EndpointArgument) ?? "") : null;

    /// <summary>The measuring window: <c>--telemetry-window=&lt;seconds&gt;</c>, 20 s unless given (start, seeding and warm-up take most of the rest of a minute).</summary>
    public static TimeSpan WindowOf(IReadOnlyList<string> args) =>
        TimeSpan.FromSeconds(Value(args, WindowArgument) is { } seconds ? int.Parse(seconds, CultureInfo.InvariantCulture) : 20);

    /// <summary>
    /// Bills per second sent to each host: <c>--telemetry-pace=&lt;bills/s&gt;</c>, 20 unless given, 0 for as fast as
    /// the backlog allows. Paced below what the slowest host gets through (about 24 bills/s here, three at once), every
    /// host does the same work in the window. Unpaced, a host's CPU and allocations per bill fell as its luck in the
    /// round raised its bills (its polling and timers spread over more of them): per-round ratios of CPU per bill
    /// ran opposite to those of bills/s, and their spread hid the overhead (README, Telemetry overhead: runs R and S).
    /// </summary>
    public static double? PaceOf(IReadOnlyList<string> args) =>
        (Value(args, PaceArgument) is { } rate ? double.Parse(rate, CultureInfo.InvariantCulture) : 20) is > 0 and var pace ? pace : null;

    /// <summary>
    /// In a child, once its host is warmed up: says so, with where its bills go, then measures its process's CPU, memory
    /// allocated, GC pauses and its host's spans from the parent's go to the parent's stop, and reports them with what
    /// the parent counted. False when the parent is gone before the end.
    /// </summary>
    public static async Task<bool> ServeAsync(string mode, ChildReady ready, Func<IReadOnlyDictionary<string, long>>? spans)
    {
        ArgumentNullException.ThrowIfNull(ready);
        Usage.CountExceptions();
        Console.WriteLine(ReadyLine + " " + JsonSerializer.Serialize(ready));
        if (await Console.In.ReadLineAsync() != GoLine)
        {
            return false;
        }

        using var self = Process.GetCurrentProcess();
        var (spansBefore, before) = (spans?.Invoke(), Usage.Of(self));
        if (await Console.In.ReadLineAsync() is not { } stop || !stop.StartsWith(StopPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var (used, spansAfter) = (Usage.Of(self) - before, spans?.Invoke());
        var counted = JsonSerializer.Deserialize<Counted>(stop[StopPrefix.Length..])!;
        var recorded = spansBefore is null || spansAfter is null ? null : SpanCounter.PerBill(spansBefore, spansAfter, counted.Bills);
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(new WindowResult(mode, counted.Bills, counted.Seconds, used.CpuMilliseconds, used.AllocatedBytes, used.GcPauseMilliseconds, used.Exceptions, used.LockContentions, used.WorkItems, recorded, (DateTime.Now - self.StartTime).TotalSeconds)));
        return true;
    }

    /// <summary>
    /// Runs one round: a child per mode, released together, each driven by this process; their results in mode order.
    /// The children start, and are released, in an order rotated by <paramref name="round"/>, so being first or last is
    /// no mode's own. <paramref name="billsFor"/> gives a child's bills from its partners.
    /// </summary>
    public static async Task<WindowResult[]> RoundAsync(int round, int modes, string endpoint, TimeSpan window, double? pace, IEnumerable<string> passOn, Func<IReadOnlyList<string>, IEnumerable<(string Id, string Body)>> billsFor)
    {
        ArgumentNullException.ThrowIfNull(billsFor);
        var order = Enumerable.Range(0, modes).Select(i => (i + round) % modes).ToArray();
        var children = new ChildProcess[modes];
        foreach (var mode in order)
        {
            children[mode] = ChildProcess.Start(mode, [.. passOn, $"{ChildArgument}{mode}", $"{EndpointArgument}{endpoint}"]);
        }

        try
        {
            var ready = await Task.WhenAll(children.Select(c => c.Ready)).WaitAsync(TimeSpan.FromMinutes(10));
            var queues = ready.Select(r => (Bills: Queue(r.Storage, QueueNames.Bills), Outcomes: Queue(r.Storage, QueueNames.BillOutcomes))).ToArray();
            foreach (var mode in order)
            {
                await children[mode].SendAsync(GoLine);
            }

            await Task.WhenAll(order.Select(async mode =>
            {
                var (bills, elapsed) = await BillDriver.RunForAsync(queues[mode].Bills, queues[mode].Outcomes, billsFor(ready[mode].Partners), window, perSecond: pace);
                await children[mode].SendAsync(StopPrefix + JsonSerializer.Serialize(new Counted(bills, elapsed.TotalSeconds)));
            }));
            var results = await Task.WhenAll(children.Select(c => c.Result)).WaitAsync(TimeSpan.FromMinutes(5));
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
            Console.WriteLine($"  allocated per bill        : {Paired(rounds, mode, r => r.AllocatedKbPerBill)}");
        }
    }

    private static string Paired(IReadOnlyList<WindowResult[]> rounds, int mode, Func<WindowResult, double> value)
    {
        var ratios = rounds.Select(r => value(r[mode]) / value(r[0])).ToArray();
        var mean = ratios.Average();
        var margin = ratios.Length < 2 ? double.NaN : 2 * Math.Sqrt(ratios.Sum(v => (v - mean) * (v - mean)) / (ratios.Length - 1) / ratios.Length);
        return string.Create(CultureInfo.InvariantCulture, $"{mean:F3} ± {margin:F3}  (rounds: {string.Join(" ", ratios.Select(v => v.ToString("F3", CultureInfo.InvariantCulture)))})");
    }

    // Plain clients: this process runs no OpenTelemetry SDK, and the emulator's calls it makes are not a host's.
    private static QueueClient Queue(string storage, string name) =>
        new(storage, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    private static string? Value(IReadOnlyList<string> args, string prefix) =>
        args.FirstOrDefault(a => a.StartsWith(prefix, StringComparison.Ordinal)) is { } arg ? arg[prefix.Length..] : null;

    /// <summary>This benchmark started again as a child: its output read line by line, the protocol lines kept, the rest shown.</summary>
    private sealed class ChildProcess : IDisposable
    {
        private readonly Process _process;
        private readonly TaskCompletionSource<ChildReady> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<WindowResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private ChildProcess(Process process, int mode)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => OnLine(mode, e.Data);
            _process.ErrorDataReceived += (_, e) => Show(mode, e.Data);
        }

        public Task<ChildReady> Ready => _ready.Task;

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
            // The framework's own methods too (since run AA): without tiering, a method precompiled in the shared
            // framework (ReadyToRun code: less optimised than the JIT's, with no inlining across version bounds and
            // indirections for what lies outside them) ran that code for the child's whole life, where a long-running
            // host rejits a hot one optimised. Activity, ActivitySource and the metrics API are such framework code,
            // so the exporting modes ran more of it (README, Telemetry overhead: runs Z and AA).
            // The price: a child compiles the framework's code it calls at start, some 5 s more before its window.
            start.Environment["DOTNET_ReadyToRun"] = "0";
            // Thread-pool workers that find no work spin before they sleep (70 iterations by default): CPU spent on
            // waiting, not on bills, that grows and shrinks with how work happens to arrive (a profile put some 30% of
            // every host's samples in the scheduler and that spinning). Off in every child alike since run R; by
            // itself it did not narrow the margins (pacing did, run S), and the runs since were measured with it.
            start.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
            var process = new Process { StartInfo = start };
            var child = new ChildProcess(process, mode);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return child;
        }

        public async Task SendAsync(string line)
        {
            await _process.StandardInput.WriteLineAsync(line);
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
            else if (line.StartsWith(ReadyLine + " ", StringComparison.Ordinal))
            {
                _ready.TrySetResult(JsonSerializer.Deserialize<ChildReady>(line[(ReadyLine.Length + 1)..])!);
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
