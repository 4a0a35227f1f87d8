using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveInteract.Server.Hosting;

public static class TransportPoolHosting
{
    /// <summary>
    /// Kestrel's transport rents its blocks from <see cref="TrimmingBlockPoolFactory"/> instead of Kestrel's own pool,
    /// which keeps a burst's free blocks for minutes (it gives back ~1% every 10 s): after a broadcast to every viewer
    /// that was ~4 KiB per idle viewer (docs/BENCHMARKS.md "Memory per idle viewer").
    /// </summary>
    public static WebApplicationBuilder AddTransportMemoryPool(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TransportPoolOptions>().BindConfiguration(TransportPoolOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TrimmingBlockPoolFactory>();
        // Replaces Kestrel's own IMemoryPoolFactory (the socket transport resolves it when its options are made). This
        // must come after Kestrel's registration, which UseKestrel adds again if called later (WebApplicationFactory
        // does, so in-process test hosts keep Kestrel's pool). Kestrel's heartbeat resolves its own factory type, not
        // this interface, so replacing it breaks nothing.
        builder.Services.RemoveAll<IMemoryPoolFactory<byte>>();
        builder.Services.AddSingleton<IMemoryPoolFactory<byte>>(sp => sp.GetRequiredService<TrimmingBlockPoolFactory>());
        return builder;
    }
}
