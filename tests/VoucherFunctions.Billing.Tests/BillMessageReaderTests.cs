using VoucherFunctions.Domain.Deduction;

namespace VoucherFunctions.Billing.Tests;

public sealed class BillMessageReaderTests
{
    private const string Valid = """
        {"version":1,"billId":"b-1","partnerId":"p-1","payerKind":"customer","customerUin":"c-1","currency":"USD",
         "billTime":"2025-03-10T08:30:00Z","lines":[{"lineId":"l1","productCode":"cvm","subProductCode":"cvm-gpu","paymentMode":"postpaid","amount":"12.50000001"},
         {"lineId":"l2","productCode":"cbs","paymentMode":"prepaid","amount":3.25,"currency":"USD"}]}
        """;

    [Fact]
    public void A_v1_message_maps_to_the_domain_bill_exactly()
    {
        var read = BillMessageReader.Read(BinaryData.FromString(Valid));

        var bill = Assert.IsType<Bill>(read.Bill);
        Assert.Equal(("b-1", "p-1", PayerKind.Customer, "c-1", "c-1"), (bill.BillId, bill.PartnerId, bill.PayerKind, bill.CustomerUin, bill.PayerId));
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 8, 30, 0, TimeSpan.Zero), bill.BillTime);
        Assert.Equal([12_50000001L, 3_25000000L], bill.Lines.Select(l => l.Amount.MinorUnits));
        Assert.Equal("cvm-gpu", bill.Lines[0].SubProductCode);
        Assert.Equal(PaymentMode.Prepaid, bill.Lines[1].PaymentMode);
    }

    [Theory]
    [InlineData("not json", BillRejectionCodes.Malformed, false)]
    [InlineData("""{"version":1,"billId":"b-1","lines":"x"}""", BillRejectionCodes.Malformed, false)]
    [InlineData("""{"version":2,"billId":"b-1","partnerId":"p-1","payerKind":"customer","customerUin":"c-1","currency":"USD","billTime":"2025-03-10T08:30:00Z","lines":[]}""", BillRejectionCodes.UnsupportedVersion, true)]
    [InlineData("""{"version":1,"billId":"b-1","partnerId":"p-1","payerKind":"customer","customerUin":"c-1","currency":"USD","billTime":"2025-03-10T08:30:00Z","lines":[],"extra":1}""", BillRejectionCodes.Malformed, false)]
    [InlineData("""{"version":1,"billId":"b-1","partnerId":"p-1","payerKind":"customer","customerUin":"c-1","currency":"USD","billTime":"2025-03-10T08:30:00Z","lines":[]}""", BillRejectionCodes.Invalid, true)]
    [InlineData("""{"version":1,"billId":"b-1","partnerId":"p-1","payerKind":"customer","customerUin":"c-1","currency":"USD","billTime":"2025-03-10T08:30:00","lines":[{"lineId":"l1","productCode":"cvm","paymentMode":"postpaid","amount":"1"}]}""", BillRejectionCodes.Invalid, true)]
    [InlineData("""{"version":1,"billId":"b-1","partnerId":"p-1","payerKind":"customer","customerUin":"c-1","currency":"USD","billTime":"2025-03-10T08:30:00Z","lines":[{"lineId":"l1","productCode":"cvm","paymentMode":"postpaid","amount":"-1"}]}""", BillRejectionCodes.Invalid, true)]
    [InlineData("""{"version":1,"billId":"b-1","partnerId":"p-1","payerKind":"customer","customerUin":"c-1","currency":"USD","billTime":"2025-03-10T08:30:00Z","lines":[{"lineId":"l1","productCode":"cvm","paymentMode":"postpaid","amount":"1.000000001"}]}""", BillRejectionCodes.Invalid, true)]
    [InlineData("""{"version":1,"billId":"b-1","partnerId":"p-1","payerKind":"customer","customerUin":"c-1","currency":"USD","billTime":"2025-03-10T08:30:00Z","lines":[{"lineId":"l1","productCode":"cvm","paymentMode":"postpaid","amount":"1","currency":"EUR"}]}""", BillRejectionCodes.CurrencyMismatch, true)]
    [InlineData("""{"version":1,"billId":"b/1","partnerId":"p-1","payerKind":"customer","customerUin":"c-1","currency":"USD","billTime":"2025-03-10T08:30:00Z","lines":[{"lineId":"l1","productCode":"cvm","paymentMode":"postpaid","amount":"1"}]}""", BillRejectionCodes.Invalid, false)]
    public void A_bad_message_is_refused_with_a_stable_reason(string body, string code, bool identified)
    {
        var read = BillMessageReader.Read(BinaryData.FromString(body));

        Assert.Null(read.Bill);
        Assert.Equal(code, read.RejectionCode);
        Assert.Equal(identified, read.Identity is not null);
    }
}
