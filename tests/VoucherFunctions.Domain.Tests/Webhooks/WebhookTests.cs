using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Events;
using VoucherFunctions.Domain.Webhooks;

namespace VoucherFunctions.Domain.Tests.Webhooks;

public sealed class WebhookTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Secret = [1, 2, 3];

    private static Webhook Make(WebhookOwner owner, params string[] types) =>
        Webhook.Create("wh_1", owner, "https://example.com/hook", types, " ERP ", true, Secret, "user-1", Now);

    [Fact]
    public void A_partner_may_subscribe_to_every_type_of_the_catalogue_and_the_vendor_only_to_its_own()
    {
        var all = EventTypes.All.Select(t => t.Name).ToArray();

        Assert.Equal(all, Make(WebhookOwner.Partner("p-1"), all).EventTypes);
        Assert.Equal(
            new[] { "application.submitted", "application.overdue", "voucher.issued", "webhook.test" },
            EventTypes.All.Where(t => Webhook.MaySubscribe(WebhookOwner.Vendor, t)).Select(t => t.Name));
        var error = Assert.Throws<DomainException>(() => Make(WebhookOwner.Vendor, "bill.applied"));
        Assert.Equal(ErrorCodes.WebhookEventTypesInvalid, error.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("voucher.created")]
    [InlineData("bill.applied,bill.applied")]
    [InlineData("BILL.APPLIED")]
    public void Event_types_are_one_or_more_distinct_catalogue_names(string types)
    {
        var error = Assert.Throws<DomainException>(() => Make(WebhookOwner.Partner("p-1"), types.Split(',', StringSplitOptions.RemoveEmptyEntries)));

        Assert.Equal(ErrorCodes.WebhookEventTypesInvalid, error.Code);
    }

    [Fact]
    public void The_description_is_trimmed_and_follows_the_free_text_rule()
    {
        Assert.Equal("ERP", Make(WebhookOwner.Partner("p-1"), "bill.applied").Description);
        var error = Assert.Throws<DomainException>(() =>
            Webhook.Create("wh_1", WebhookOwner.Partner("p-1"), "https://example.com/hook", ["bill.applied"], new string('x', 501), true, Secret, "u", Now));
        Assert.Equal(ErrorCodes.WebhookDescriptionInvalid, error.Code);
    }

    [Fact]
    public void A_webhook_wants_its_subscribed_types_while_enabled_and_never_the_test_event_from_a_change()
    {
        var webhook = Make(WebhookOwner.Partner("p-1"), "bill.applied", "webhook.test");

        Assert.True(webhook.Wants("bill.applied"));
        Assert.False(webhook.Wants("bill.rejected"));
        Assert.False(webhook.Wants("webhook.test"));
        Assert.False(webhook.Edit(webhook.Url, webhook.EventTypes, null, enabled: false, Now).Wants("bill.applied"));
    }

    [Fact]
    public void After_a_rotation_the_previous_secret_signs_until_the_overlap_ends()
    {
        var rotated = Make(WebhookOwner.Partner("p-1"), "bill.applied").Rotate([9, 9], "key-1", TimeSpan.FromHours(1), Now);

        Assert.Equal(new byte[] { 9, 9 }, rotated.ProtectedSecret);
        Assert.Equal(Secret, rotated.PreviousSecretAt(Now.AddMinutes(59)));
        Assert.Null(rotated.PreviousSecretAt(Now.AddHours(1)));
        Assert.Null(Make(WebhookOwner.Partner("p-1"), "bill.applied").Rotate([9], "key-2", TimeSpan.Zero, Now).PreviousSecretAt(Now));
        Assert.Equal("key-1", rotated.LastRotationKey);
    }

    [Fact]
    public void A_delivery_counts_its_attempts_keeps_the_last_50_and_a_redelivery_opens_a_new_window()
    {
        var delivery = WebhookDelivery.New("d-1", WebhookOwner.Partner("p-1"), "wh_1", "evt-1", "bill.applied", "{}", Now);
        for (var i = 1; i <= 60; i++)
        {
            delivery = delivery.RecordRetry(new WebhookAttempt(i, Now.AddSeconds(i), 5, 500, null, null), Now.AddSeconds(i + 1));
        }

        var dead = delivery.RecordDeadLetter(new WebhookAttempt(61, Now.AddSeconds(61), 5, 503, null, null), Now.AddSeconds(62));
        var again = dead.Redeliver("r-1", Now.AddHours(1));
        var done = again.RecordSuccess(new WebhookAttempt(62, Now.AddHours(1), 5, 200, null, null));

        Assert.Equal(WebhookDelivery.MaxLoggedAttempts, dead.Attempts.Count);
        Assert.Equal(61, dead.AttemptCount);
        Assert.Equal(12, dead.Attempts[0].Number);
        Assert.Equal(WebhookDeliveryStatus.DeadLettered, dead.Status);
        Assert.Null(dead.NextAttemptAt);
        Assert.Equal((WebhookDeliveryStatus.Pending, Now.AddHours(1)), (again.Status, again.WindowStartedAt));
        Assert.Equal((WebhookDeliveryStatus.Succeeded, 62), (done.Status, done.AttemptCount));
    }

    [Fact]
    public void Health_fails_on_a_dead_letter_and_heals_on_the_next_success()
    {
        var health = WebhookHealth.New.AttemptFailed(Now).AttemptFailed(Now).DeadLettered(Now);

        Assert.True(health.Failing);
        Assert.Equal(2, health.ConsecutiveFailures);
        Assert.Equal(Now, health.FailingSince);
        var healed = health.Succeeded(Now.AddMinutes(1));
        Assert.False(healed.Failing);
        Assert.Equal(0, healed.ConsecutiveFailures);
        Assert.Null(healed.FailingSince);
    }
}
