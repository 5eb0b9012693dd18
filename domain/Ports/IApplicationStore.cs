namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.Applications;

/// <summary>
/// Type II applications. Submission (application + template lock) is one atomic write; pending
/// applications of all partners are also listed oldest first for reviewers.
/// </summary>
public interface IApplicationStore
{
    Task<Versioned<VoucherApplication>?> GetAsync(string partnerId, string applicationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a submission: the new application with its <c>application.submitted</c> event, the template locked (if it
    /// changed, at <paramref name="templateVersion"/>), and the optional idempotency record, atomically; also indexes the application for reviewers.
    /// Returns the duplicate's stored record when the idempotency key was already used with the same request.
    /// </summary>
    Task<CommitOutcome> SubmitAsync(ApplicationSubmission submission, string templateVersion, IdempotencyRecord? idempotency = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the application read as <paramref name="stored"/> if still at its version, with the events of its new
    /// timeline entries in the same atomic write; keeps the reviewer queue in step (a decided application leaves it).
    /// </summary>
    Task<Versioned<VoucherApplication>> UpdateAsync(Versioned<VoucherApplication> stored, VoucherApplication application, CancellationToken cancellationToken = default);

    Task<Page<Versioned<VoucherApplication>>> ListAsync(string partnerId, ApplicationStatus? status, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Pending applications of every partner, oldest submission first (the reviewer queue).</summary>
    Task<Page<Versioned<VoucherApplication>>> ListPendingForReviewAsync(PageRequest page, CancellationToken cancellationToken = default);
}
