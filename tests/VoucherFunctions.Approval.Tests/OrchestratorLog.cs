using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VoucherFunctions.Approval.Tests;

/// <summary>Keeps what the approval orchestrator logged in one host: which host ran an orchestration's steps.</summary>
public sealed class OrchestratorLog : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) =>
        categoryName == typeof(ApprovalOrchestrator).FullName ? new Sink(Messages) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Sink(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception));
    }
}
