using LiveInteract.Grains.Insights;
using LiveInteract.Server.Tests.Service;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveInteract.Server.Tests.Insights;

/// <summary>
/// A shared server whose insights clock is a fake one (rooms, relays and timers keep real time), starting on a Monday
/// at 10:00 UTC so the ranking windows are known; with the service API key <see cref="ServiceApiFixture.BackendKey"/>
/// (<see cref="ServiceClient.Service"/> calls with it).
/// </summary>
public sealed class InsightsServerFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    public InsightsServerFixture()
    {
        Server = new LiveServer(
            settings: new Dictionary<string, string?>
            {
                ["Insights:FlushInterval"] = "00:00:00.200",
                ["Rankings:FlushInterval"] = "00:00:00.200",
                // The risk tests sign in some twenty accounts within a minute.
                ["RestLimits:Tokens:Permits"] = "1000",
            }.WithBackendKey(),
            services: s => s.AddSingleton(new InsightsClock(Clock)));
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public LiveServer Server { get; }

    public Task InitializeAsync()
    {
        Server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        LiveServer.DeleteData(Server.DataDirectory);
    }
}
