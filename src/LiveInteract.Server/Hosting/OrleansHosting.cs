using LiveInteract.Grains.Gifts;
using LiveInteract.Grains.Rooms;
using LiveInteract.Grains.Storage;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Hosting;

public static class OrleansHosting
{
    /// <summary>Co-hosts an Orleans silo in this process, configured for the selected profile.</summary>
    public static WebApplicationBuilder AddLiveInteractSilo(this WebApplicationBuilder builder)
    {
        var hosting = builder.Configuration.GetSection(HostingOptions.Section).Get<HostingOptions>() ?? new HostingOptions();
        builder.Services.AddOptions<HostingOptions>().BindConfiguration(HostingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RoomOptions>().BindConfiguration(RoomOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddGifts().BindConfiguration(GiftOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: hosting.SiloPort, gatewayPort: hosting.GatewayPort);
            silo.AddSqliteGrainStorage(StorageNames.Default, hosting.DatabasePath);
            // Reminders wake wallets whose gift outbox is pending after a crash. In-memory reminders do not survive
            // a whole-cluster restart, which is why wallets also deliver on activation and on every touch (docs/GIFTS.md).
            silo.UseInMemoryReminderService();
        });
        return builder;
    }
}
