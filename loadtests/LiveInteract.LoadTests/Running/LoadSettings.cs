namespace LiveInteract.LoadTests.Running;

/// <summary>
/// One scenario: how many viewers, how fast they arrive, where they go and what they send.
/// Rates are per room and spread over that room's sender viewers, so a room's comment rate stays what was asked
/// however many viewers watch it.
/// </summary>
public sealed record LoadSettings
{
    public string Preset { get; init; } = "custom";
    public int Viewers { get; init; } = 100;
    /// <summary>New connections per second during ramp-up.</summary>
    public double RampPerSecond { get; init; } = 200;
    /// <summary>Connects in flight at once (sign-in, WebSocket, JoinRoom).</summary>
    public int ConnectConcurrency { get; init; } = 32;
    public int Rooms { get; init; } = 1;
    /// <summary>"even" spreads viewers round-robin; "skewed" puts half of them in the first room and spreads the rest.</summary>
    public string Spread { get; init; } = "even";
    /// <summary>Viewers per room that send comments, likes and gifts (the first ones to join).</summary>
    public int SendersPerRoom { get; init; } = 10;
    public double CommentsPerSecondPerRoom { get; init; } = 20;
    public double LikesPerSecondPerRoom { get; init; }
    public double GiftsPerSecondPerRoom { get; init; }
    /// <summary>How long comments/likes/gifts are sent, counted from the moment every viewer has tried to connect.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Viewers per second that leave (disconnect) and are replaced by a new viewer in the same room.</summary>
    public double ChurnPerSecond { get; init; }
    /// <summary>Fraction (0..1) of viewers that also poll the room's HLS playlist and fetch its newest segment.</summary>
    public double HlsFraction { get; init; }
    /// <summary>
    /// Comments also flow during the ramp (from as soon as each room's senders have joined): a live fills up at its
    /// start, so this measures delivery while viewers pour in. Their latencies are reported apart (<c>rampLatencyMs</c>).
    /// </summary>
    public bool SendDuringRamp { get; init; }
    /// <summary>The first part of the sending phase whose comments are not counted in the steady-state latency.</summary>
    public TimeSpan Warmup { get; init; }
    /// <summary>
    /// An unmeasured run of the same scenario (same viewers, comments during its ramp, sending for this long) against
    /// each target before the measured one, so neither the server's nor this tool's JIT warm-up lands in the figures
    /// of whichever target runs first. A server runs for hours; its first minute is not its steady state. Measured:
    /// after a 200-viewer priming run the tiered-compilation thread still took ~45% of the server's CPU during the
    /// next 1,000-viewer ramp.
    /// </summary>
    public TimeSpan Prime { get; init; }

    /// <summary>The scenario of the priming run (<see cref="Prime"/>).</summary>
    public LoadSettings Priming() => this with
    {
        Duration = Prime,
        Warmup = TimeSpan.Zero,
        SendDuringRamp = true,
        Drain = TimeSpan.FromSeconds(1),
        Prime = TimeSpan.Zero,
    };

    /// <summary>Time allowed after the last send for deliveries to arrive.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Source addresses 127.0.0.1..N for client sockets (0 or 1: the OS picks); see docs/LOADTESTS.md.</summary>
    public int SourceAddresses { get; init; }
    /// <summary>"sdk" (every viewer a LiveClient), "lean" (bare-socket viewers; senders stay SDK clients), or null: lean above <see cref="LeanAbove"/> viewers.</summary>
    public string? ViewerMode { get; init; }
    /// <summary>Hub protocol of every viewer and sender: "json" or "messagepack".</summary>
    public string Protocol { get; init; } = "json";

    /// <summary>
    /// How viewers that only watch (every viewer but the senders) connect to LiveInteract: "anonymous" (no token: the
    /// server makes each a watch-only guest, as for a visitor who never signs in) or "signed-in" (a guest sign-in first,
    /// <c>POST /api/auth/token</c>, as every viewer did before anonymous watching). Senders always sign in.
    /// </summary>
    public string Watchers { get; init; } = "anonymous";

    public const int LeanAbove = 2000;

    public string EffectiveViewerMode => ViewerMode ?? (Viewers > LeanAbove ? "lean" : "sdk");
    /// <summary>
    /// Test hook: the receive path of the first viewer (in lean mode the first lean one) throws away this many comment deliveries, so the report
    /// must show exactly this many lost. 0 in every real run.
    /// </summary>
    public int DiscardDeliveries { get; init; }

    public void Validate()
    {
        Require(Viewers >= 1, "--viewers must be at least 1");
        Require(Rooms >= 1 && Rooms <= Viewers, "--rooms must be between 1 and --viewers");
        Require(RampPerSecond > 0, "--ramp must be positive");
        Require(ConnectConcurrency >= 1, "--connect-concurrency must be at least 1");
        Require(SendersPerRoom >= 1, "--senders must be at least 1");
        Require(CommentsPerSecondPerRoom >= 0 && LikesPerSecondPerRoom >= 0 && GiftsPerSecondPerRoom >= 0, "rates must not be negative");
        Require(Duration > TimeSpan.Zero, "--duration must be positive");
        Require(Warmup >= TimeSpan.Zero && Warmup < Duration, "--warmup must be at least 0 and shorter than --duration");
        Require(Prime >= TimeSpan.Zero, "--prime must not be negative");
        Require(ChurnPerSecond >= 0, "--churn must not be negative");
        Require(HlsFraction is >= 0 and <= 1, "--hls must be between 0 and 1");
        Require(Spread is "even" or "skewed", "--spread must be even or skewed");
        Require(SourceAddresses is >= 0 and <= 250, "--source-addresses must be between 0 and 250");
        Require(DiscardDeliveries >= 0, "discard count must not be negative");
        Require(ViewerMode is null or "sdk" or "lean", "--viewer must be sdk or lean");
        Require(Protocol is "json" or "messagepack", "--protocol must be json or messagepack");
        Require(Watchers is "anonymous" or "signed-in", "--watchers must be anonymous or signed-in");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new ArgumentException(message);
    }
}
