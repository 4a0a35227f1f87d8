using System.Net;
using LiveInteract.Grains.Hosting;
using LiveInteract.Grains.Storage;
using Orleans.Configuration;
using StackExchange.Redis;

namespace LiveInteract.Server.Hosting;

public static class OrleansHosting
{
    /// <summary>Co-hosts an Orleans silo in this process, configured for the selected profile.</summary>
    public static WebApplicationBuilder AddLiveInteractSilo(this WebApplicationBuilder builder)
    {
        // Every path under the data folder is made absolute once, here, against the content root: a relative path
        // handed to Results.File is read as a web-root path (the demo's HLS playlist answered 500), and a relative
        // path elsewhere would follow whatever the working directory happens to be.
        var contentRoot = builder.Environment.ContentRootPath;
        var hosting = builder.Configuration.GetSection(HostingOptions.Section).Get<HostingOptions>() ?? new HostingOptions();
        hosting.ResolvePaths(contentRoot);
        builder.Services.AddOptions<HostingOptions>().BindConfiguration(HostingOptions.Section)
            .PostConfigure(o => o.ResolvePaths(contentRoot)).ValidateDataAnnotations().ValidateOnStart();
        // The grains' options (Rooms, Moderation, Gifts, Webhooks sections, validated at start-up), catalog, webhook sender, clock.
        builder.Services.AddLiveInteractGrains(builder.Configuration);

        var dashboard = builder.Configuration.GetValue<bool>($"{Operations.OperationsOptions.Section}:{nameof(Operations.OperationsOptions.Dashboard)}");
        builder.UseOrleans(silo =>
        {
            // Trace context across grain calls only when traces are exported: otherwise two filters on every call for nothing.
            if (Telemetry.TracesExported(builder.Configuration)) silo.AddActivityPropagation();
            if (dashboard) Orleans.Dashboard.ServiceCollectionExtensions.AddDashboard(silo);
            if (hosting.IsCluster)
            {
                var redis = ConfigurationOptions.Parse(hosting.Redis);
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = hosting.ClusterId;
                    o.ServiceId = hosting.ServiceId;
                });
                // Bound to the advertised address only: the silo and gateway ports never listen on every interface.
                silo.ConfigureEndpoints(IPAddress.Parse(hosting.AdvertisedAddress), hosting.SiloPort, hosting.GatewayPort, listenOnAnyHostAddress: false);
                var tls = builder.Configuration.GetSection(SiloTlsOptions.Section).Get<SiloTlsOptions>() ?? new SiloTlsOptions();
                if (tls.Enabled ?? true) SiloTls.Apply(silo, tls);
                silo.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
                // The Orleans serializer (as the SQLite storage uses), not the provider's default Newtonsoft JSON: that
                // one writes runtime type names, and a collection expression's compiler-made list type (e.g. the gift
                // board's top list) cannot be resolved on read, so a room with gifts could never reactivate.
                silo.AddRedisGrainStorage(StorageNames.Default, o => o.Configure<Orleans.Serialization.Serializer>((options, serializer) =>
                {
                    options.ConfigurationOptions = redis.Clone();
                    options.GrainStorageSerializer = new Orleans.Storage.OrleansGrainStorageSerializer(serializer);
                }));
                // The room event log (append-only, per-room retention) in the same Redis (docs/ARCHITECTURE.md).
                silo.AddRedisRoomLog(redis);
                silo.UseRedisReminderService(o => o.ConfigurationOptions = redis.Clone());
                // Declare a dead silo faster than the defaults (~10-20 s): viewers wait on it.
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromSeconds(2);
                    o.NumMissedProbesLimit = 2;
                    o.NumVotesForDeathDeclaration = 1;
                    o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
                });
            }
            else
            {
                silo.UseLocalhostClustering(siloPort: hosting.SiloPort, gatewayPort: hosting.GatewayPort);
                // Grain state and the room event log, both in one SQLite file.
                silo.AddSqliteGrainStorage(StorageNames.Default, hosting.DatabasePath);
                // Reminders wake wallets whose gift outbox is pending after a crash. In-memory reminders do not survive
                // a restart, which is why wallets also deliver on activation and on every touch (docs/GIFTS.md).
                silo.UseInMemoryReminderService();
            }
        });
        return builder;
    }
}
