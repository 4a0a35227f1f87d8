namespace LiveInteract.LoadTests.Running;

/// <summary>Named scenarios; every field can still be overridden by a flag after the preset.</summary>
public static class Presets
{
    public static readonly IReadOnlyDictionary<string, LoadSettings> All = new Dictionary<string, LoadSettings>
    {
        // Everyone arrives at once: connect-time percentiles and failed connections are the point.
        ["join-storm"] = new() { Preset = "join-storm", Viewers = 5000, RampPerSecond = 500, ConnectConcurrency = 64, Rooms = 1, CommentsPerSecondPerRoom = 5, Duration = TimeSpan.FromSeconds(10) },
        // One busy room: end-to-end comment latency under fan-out.
        ["chatty-room"] = new() { Preset = "chatty-room", Viewers = 2000, RampPerSecond = 300, Rooms = 1, CommentsPerSecondPerRoom = 20, LikesPerSecondPerRoom = 20, Duration = TimeSpan.FromSeconds(30) },
        // Gifts at a high rate (every gift must arrive); falls back to comments+likes when the target has no /api/gifts.
        ["gift-rush"] = new() { Preset = "gift-rush", Viewers = 1000, RampPerSecond = 300, Rooms = 1, CommentsPerSecondPerRoom = 5, LikesPerSecondPerRoom = 50, GiftsPerSecondPerRoom = 20, Duration = TimeSpan.FromSeconds(30) },
        // Many small rooms, uneven: many relays and groups instead of one big one.
        ["many-rooms"] = new() { Preset = "many-rooms", Viewers = 2000, RampPerSecond = 300, Rooms = 50, Spread = "skewed", SendersPerRoom = 2, CommentsPerSecondPerRoom = 2, LikesPerSecondPerRoom = 2, Duration = TimeSpan.FromSeconds(30) },
        // Long and moderate, with churn and some HLS players: leaks and drift show up here.
        ["soak"] = new() { Preset = "soak", Viewers = 1000, RampPerSecond = 100, Rooms = 5, SendersPerRoom = 2, CommentsPerSecondPerRoom = 5, LikesPerSecondPerRoom = 5, ChurnPerSecond = 5, HlsFraction = 0.05, Duration = TimeSpan.FromMinutes(10) },
    };
}
