namespace VoucherFunctions.Domain.Ports;

/// <summary>
/// Which partners may have vendor-funded usage (partner bills) in which month, so the vendor report reads only those
/// partners' books instead of every partition. Noted before a partner bill's commit, so every committed month has its entry
/// (a note whose commit then failed only adds a partner with nothing used).
/// </summary>
public interface IVendorUsageIndex
{
    /// <summary>Notes partner <paramref name="partnerId"/> for the months of <paramref name="billTimes"/>; idempotent.</summary>
    Task NoteAsync(string partnerId, IEnumerable<DateTimeOffset> billTimes, CancellationToken cancellationToken = default);

    /// <summary>The partners noted for the month "yyyy-MM", by id.</summary>
    Task<IReadOnlyList<string>> PartnersAsync(string month, CancellationToken cancellationToken = default);
}
