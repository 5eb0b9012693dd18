using VoucherFunctions.Domain.Webhooks;

namespace VoucherFunctions.Domain.Tests.Webhooks;

public sealed class DeliveryIdsTests
{
    private static readonly DateTimeOffset T = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567);

    [Fact]
    public void The_same_event_to_the_same_webhook_has_one_id_and_another_webhook_or_event_another()
    {
        var id = DeliveryIds.For("wh_1", "evt_1", T);

        Assert.Equal(id, DeliveryIds.For("wh_1", "evt_1", T));
        Assert.NotEqual(id, DeliveryIds.For("wh_2", "evt_1", T));
        Assert.NotEqual(id, DeliveryIds.For("wh_1", "evt_2", T));
    }

    [Fact]
    public void Ids_sort_newest_event_first_and_carry_the_event_time()
    {
        var older = DeliveryIds.For("wh_1", "evt_1", T);
        var newer = DeliveryIds.For("wh_1", "evt_2", T.AddTicks(1));
        var timeless = DeliveryIds.For("wh_1", "evt_3", null);

        Assert.True(string.CompareOrdinal(newer, older) < 0);
        Assert.True(string.CompareOrdinal(older, timeless) < 0);
        Assert.Equal(T, DeliveryIds.EventTimeOf(older));
        Assert.Equal(DateTimeOffset.MinValue, DeliveryIds.EventTimeOf(timeless));
        Assert.Null(DeliveryIds.EventTimeOf("not-a-delivery-id"));
    }

    [Fact]
    public void The_ids_of_events_before_an_instant_are_exactly_those_at_or_after_its_bound()
    {
        var bound = DeliveryIds.FirstBefore(T);

        Assert.True(string.CompareOrdinal(DeliveryIds.For("wh_1", "evt_1", T.AddTicks(-1)), bound) >= 0);
        Assert.True(string.CompareOrdinal(DeliveryIds.For("wh_1", "evt_1", null), bound) >= 0);
        Assert.True(string.CompareOrdinal(DeliveryIds.For("wh_1", "evt_1", T), bound) < 0);
        Assert.True(string.CompareOrdinal(DeliveryIds.For("wh_1", "evt_1", T.AddDays(1)), bound) < 0);
    }
}
