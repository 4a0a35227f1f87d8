using System.Security.Cryptography;
using System.Text;
using LiveInteract.Grains.Insights;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveInteract.Server.Tests.Insights;

/// <summary>
/// A shared server whose insights clock is a fake one (rooms, relays and timers keep real time), starting on a Monday
/// at 10:00 UTC so the ranking windows are known; with a service API key.
/// </summary>
public sealed class InsightsServerFixture : IAsyncLifetime
{
    public const string ApiKey = "insights-key-5d1f0c9a7b3e4f2a8c6d0e1f2a3b4c5d";

    public static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    public InsightsServerFixture()
    {
        Server = new LiveServer(
            settings: new Dictionary<string, string?>
            {
                ["ServiceApi:Keys:0:Name"] = "backend",
                ["ServiceApi:Keys:0:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
                ["Insights:FlushInterval"] = "00:00:00.200",
                ["Rankings:FlushInterval"] = "00:00:00.200",
                // The risk tests sign in some twenty accounts within a minute.
                ["RestLimits:Tokens:Permits"] = "1000",
            },
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
