using LiveInteract.Media;
using LiveInteract.Server.Hosting;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Media;

public static class MediaSetup
{
    public static WebApplicationBuilder AddLiveInteractMedia(this WebApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        // Absolute once at start-up (see HostingOptions.ResolvePaths): the playback endpoint hands these to Results.File.
        builder.Services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section)
            .PostConfigure<IOptions<HostingOptions>>((o, hosting) =>
            {
                o.HlsDirectory = Resolve(o.HlsDirectory, "hls");
                o.ClipDirectory = Resolve(o.ClipDirectory, "clips");
                string Resolve(string configured, string underData) => string.IsNullOrEmpty(configured)
                    ? Path.Combine(hosting.Value.DataDirectory, underData)
                    : Path.GetFullPath(configured, contentRoot);
            })
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RoomMediaRegistry>();
        builder.Services.AddSingleton(sp =>
        {
            var media = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MediaOptions>>().Value;
            return new ClipRateLimiter(media.ViewerClipsPerMinute, media.StaffClipsPerMinute, sp.GetService<TimeProvider>() ?? TimeProvider.System);
        });
        // Load OpenCV's native library now: a missing dependency fails the start, not the first stream.
        MediaRuntime.Initialize();
        return builder;
    }

    public static WebApplication MapLiveInteractMedia(this WebApplication app)
    {
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
        app.MapIngest();
        app.MapPlayback();
        app.MapClips();
        return app;
    }
}
