using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Application.Reports;
using VoucherFunctions.Http;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.OpenApi;

namespace VoucherFunctions.Api.Reports;

/// <summary>Month reports computed from the usage records (through each voucher's monthly usage, kept in the same commit).</summary>
public sealed class ReportFunctions(ApiRunner api, ReconciliationService reconciliation, VendorReportService vendor)
{
    [Function("GetVendorReport")]
    [ApiOperation("Reports", "What the vendor's vouchers cost in a month: Type I and Type II used, per partner and currency", ActorRoles.ChannelManager,
        Query = typeof(ReportQuery), Response = typeof(VendorReportDto),
        Description = "Partners whose partner bills used vouchers in the month (noted when those bills commit), each with its Type I and Type II usage per currency, and the totals. Exact decimal strings.")]
    public Task<IActionResult> Vendor([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/vendor")] HttpRequest request) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await vendor.ReportAsync(call.Query<ReportQuery>(), call.Cancellation)));

    [Function("GetReconciliationReport")]
    [ApiOperation("Reports", "Reconciliation of a month: each trial voucher's partner side against its customer side, and usage by funding party", ActorRoles.Partners,
        Query = typeof(ReportQuery), Response = typeof(ReconciliationReportDto), Csv = true,
        Description = "Per Type II voucher: amount, used on partner bills this month and to date, its associated Type III's use on customer bills, the difference (customer − partner) and flags. Totals by funding party per currency. A distributor also gets each second-level reseller's quota, trial pairs and totals. Exact decimal strings. CSV (RFC 4180, one table with a section column) with Accept: text/csv or format=csv.")]
    public Task<IActionResult> Reconciliation([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/reconciliation")] HttpRequest request) =>
        api.RunAsync(this, request, async call =>
        {
            var report = await reconciliation.ReportAsync(call.Principal, call.Query<ReportQuery>(), call.Cancellation);
            return call.WantsCsv
                ? ApiResponse.Text(ReconciliationCsv.Write(report), "text/csv", $"reconciliation-{report.Month}.csv")
                : ApiResponse.Ok(report);
        });
}
