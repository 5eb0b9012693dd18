namespace VoucherFunctions.Domain.Applications;

using VoucherFunctions.Domain.Templates;

/// <summary>A new pending application and its template, now locked; persist both.</summary>
public sealed record ApplicationSubmission(VoucherApplication Application, VoucherTemplate Template);
