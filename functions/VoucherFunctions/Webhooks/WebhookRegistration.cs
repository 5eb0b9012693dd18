using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VoucherFunctions.Application.Webhooks;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage;
using VoucherFunctions.Storage.Webhooks;
using VoucherFunctions.Webhooks.Delivery;
using VoucherFunctions.Webhooks.Outbound;

namespace VoucherFunctions.Webhooks;

public static class WebhookRegistration
{
    /// <summary>Webhook subscriptions and their delivery. Options (section <c>Webhooks</c>) are validated at start.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DeliveryLogIndex>();
        services.AddSingleton<IWebhookStore>(sp => new TableWebhookStore(
            sp.GetRequiredService<LedgerTable>(),
            sp.GetRequiredService<DeliveryLogIndex>(),
            new SubscriberCache(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.SubscribersCacheFor, sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<DeliveryLogSweeper>();
        services.TryAddSingleton<IHostAddressResolver, DnsHostAddressResolver>();
        services.AddSingleton<OutboundAddressPolicy>();
        services.AddSingleton<WebhookUrlGuard>();
        services.AddSingleton<GuardedConnector>();
        services.AddSingleton<WebhookHttpClient>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<WebhookDeliverer>();
        services.AddSingleton<WebhookFanOut>();
        services.AddSingleton<WebhookService>();
        return services;
    }
}
