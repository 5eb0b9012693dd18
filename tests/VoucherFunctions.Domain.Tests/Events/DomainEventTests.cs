namespace VoucherFunctions.Domain.Tests.Events;

using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Distribution;
using VoucherFunctions.Domain.Events;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Tests.Support;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Domain.Tests.Support.TestData;

public class DomainEventTests
{
    [Fact]
    public void A_voucher_entering_the_books_is_issued_and_a_type_ii_is_activated()
    {
        Assert.Equal(EventTypes.VoucherIssued, Assert.Single(VoucherEvents.For(null, Voucher("v3"))).Type);
        Assert.Equal(EventTypes.VoucherIssued, Assert.Single(VoucherEvents.For(null, Voucher("v1", VoucherType.TypeI))).Type);
        var activated = Assert.Single(VoucherEvents.For(null, Voucher("v2", VoucherType.TypeII)));
        Assert.Equal((EventTypes.VoucherActivated, "vouchers/v2", PartnerId, T0), (activated.Type, activated.Subject, activated.PartnerId, activated.Time));
    }

    [Fact]
    public void Each_transition_of_a_voucher_is_one_event_at_the_time_of_the_change_and_other_writes_none()
    {
        var active = Voucher("v", amount: "10");
        var t = T0.AddDays(1);

        Assert.Empty(VoucherEvents.For(active, active with { Name = "renamed" }));
        Assert.Empty(VoucherEvents.For(active, active.Deduct(TestMoney.Usd("4"), t, t)));
        Assert.Equal((EventTypes.VoucherExhausted, t), Single(active, active.Deduct(TestMoney.Usd("10"), t, t)));
        Assert.Equal((EventTypes.VoucherWithdrawn, t), Single(active, active.Withdraw(t)));
        Assert.Equal((EventTypes.VoucherExpired, active.ExpiresAt), Single(active, active.ExpireIfDue(active.ExpiresAt.AddHours(1))));
        Assert.Equal((EventTypes.VoucherExpiringSoon, t), Single(active, active.AnnounceExpiry(t)));
        var typeII = Voucher("v2", VoucherType.TypeII);
        Assert.Equal((EventTypes.VoucherInvalidated, t), Single(typeII, typeII.Invalidate(t)));

        static (EventType, DateTimeOffset) Single(Voucher before, Voucher after)
        {
            var e = Assert.Single(VoucherEvents.For(before, after));
            return (e.Type, e.Time);
        }
    }

    [Fact]
    public void The_expiry_notice_is_recorded_once_and_never_for_a_voucher_that_cannot_be_used()
    {
        var active = Voucher("v");
        var noticed = active.AnnounceExpiry(T0.AddDays(25));

        Assert.Equal(T0.AddDays(25), noticed.ExpiryNoticeAt);
        Assert.Same(noticed, noticed.AnnounceExpiry(T0.AddDays(26)));
        Assert.Same(active, active.AnnounceExpiry(active.ExpiresAt));
        var withdrawn = active.Withdraw(T0.AddDays(1));
        Assert.Same(withdrawn, withdrawn.AnnounceExpiry(T0.AddDays(25)));
    }

    [Fact]
    public void An_event_id_is_the_same_for_the_same_change_and_differs_for_any_other()
    {
        var exhausted = Voucher("v", balance: "10").Deduct(TestMoney.Usd("10"), T0, T0);
        var first = Assert.Single(VoucherEvents.For(Voucher("v", balance: "10"), exhausted));
        var retried = Assert.Single(VoucherEvents.For(Voucher("v", balance: "10"), exhausted with { StatusChangedAt = T0.AddSeconds(5) }));

        Assert.Equal(first.Id, retried.Id);
        Assert.Matches("^evt_[0-9a-f]{32}$", first.Id);
        string[] others =
        [
            EventIds.For(EventTypes.VoucherWithdrawn, PartnerId, "v"),
            EventIds.For(EventTypes.VoucherExhausted, "partner-2", "v"),
            EventIds.For(EventTypes.VoucherExhausted, PartnerId, "w"),
        ];
        Assert.DoesNotContain(first.Id, others);
        Assert.Equal(3, others.Distinct().Count());
    }

    [Fact]
    public void An_application_announces_each_new_timeline_entry_once()
    {
        var submitted = VoucherApplication.Submit("app-1", PartnerId, PartnerTemplate(), [Customer()], TestMoney.Usd("80"), true, T0).Application;
        var overdue = submitted.MarkOverdue(T0.AddDays(5));
        var approved = overdue.Approve("rev-1", T0.AddDays(6), ProductSet.Empty).Application;
        var issued = approved.RecordVouchersIssued(T0.AddDays(6));

        Assert.Equal([EventTypes.ApplicationSubmitted], ApplicationEvents.For(null, submitted).Select(e => e.Type));
        Assert.Equal([EventTypes.ApplicationOverdue], ApplicationEvents.For(submitted, overdue).Select(e => e.Type));
        Assert.Empty(ApplicationEvents.For(overdue, overdue.MarkOverdue(T0.AddDays(6))));
        Assert.Equal([EventTypes.ApplicationApproved], ApplicationEvents.For(overdue, approved).Select(e => e.Type));
        var vouchersIssued = Assert.Single(ApplicationEvents.For(approved, issued));
        Assert.Equal(EventTypes.ApplicationVouchersIssued, vouchersIssued.Type);
        var pair = Assert.Single(((ApplicationEventData)vouchersIssued.Data).Vouchers!);
        Assert.Equal(CustomerUin, pair.CustomerUin);
        Assert.Empty(ApplicationEvents.For(issued, issued.RecordVouchersIssued(T0.AddDays(7))));
        Assert.Equal([EventTypes.ApplicationCancelled], ApplicationEvents.For(submitted, submitted.Cancel(PartnerId, T0.AddHours(1))).Select(e => e.Type));
        Assert.Equal([EventTypes.ApplicationRejected], ApplicationEvents.For(submitted, submitted.Reject("rev-1", "no", T0.AddHours(1))).Select(e => e.Type));
        Assert.Equal([EventTypes.ApplicationExpired], ApplicationEvents.For(submitted, submitted.Expire(T0.AddDays(30))).Select(e => e.Type));
    }

    [Fact]
    public void A_quota_adjustment_is_announced_to_the_reseller_and_to_its_distributor_under_ids_of_its_key()
    {
        var pool = QuotaPool.Create("dist-1", "slr-1", Currency.USD, T0);
        var allocated = pool.Adjust(TestMoney.Usd("100"), T0.AddHours(1));

        var events = QuotaEvents.Adjusted(pool, allocated, "key-1");
        var again = QuotaEvents.Adjusted(pool, allocated, "key-1");
        var reclaimed = QuotaEvents.Adjusted(allocated, allocated.Adjust(TestMoney.Usd("-30"), T0.AddHours(2)), "key-2");

        Assert.Equal(["slr-1", "dist-1"], events.Select(e => e.PartnerId));
        Assert.All(events, e => Assert.Equal((EventTypes.QuotaAllocated, "resellers/slr-1/quota", "100"), (e.Type, e.Subject, ((QuotaEventData)e.Data).Amount)));
        Assert.Equal(events.Select(e => e.Id), again.Select(e => e.Id));
        Assert.NotEqual(events[0].Id, events[1].Id);
        Assert.All(reclaimed, e => Assert.Equal((EventTypes.QuotaReclaimed, "30", "70"), (e.Type, ((QuotaEventData)e.Data).Amount, ((QuotaEventData)e.Data).Total)));
    }
}
