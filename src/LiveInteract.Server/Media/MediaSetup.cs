using LiveInteract.Media;

namespace LiveInteract.Server.Media;

public static class MediaSetup
{
    public static WebApplicationBuilder AddLiveInteractMedia(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
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
