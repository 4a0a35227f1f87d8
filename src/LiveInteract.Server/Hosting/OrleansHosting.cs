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
        builder.Services.AddOptions<ModerationOptions>().BindConfiguration(ModerationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: hosting.SiloPort, gatewayPort: hosting.GatewayPort);
            silo.AddSqliteGrainStorage(StorageNames.Default, hosting.DatabasePath);
        });
        return builder;
    }
}
