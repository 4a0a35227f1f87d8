using LiveInteract.Media;

namespace LiveInteract.Server.Media;

public static class MediaSetup
{
    public static WebApplicationBuilder AddLiveInteractMedia(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RoomMediaRegistry>();
        // Load OpenCV's native library now: a missing dependency fails the start, not the first stream.
        MediaRuntime.Initialize();
        return builder;
    }

    public static WebApplication MapLiveInteractMedia(this WebApplication app)
    {
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
        app.MapIngest();
        app.MapPlayback();
        return app;
    }
}
