using System.Net;
using System.Net.Http.Json;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Rooms;
using LiveInteract.Server.Tests.Moderation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveInteract.Server.Tests.Hostile;

/// <summary>
/// Rooms:IdKey decouples room ids from the token key: a real server restarted on the same data with a rotated
/// Auth:SigningKey and the same Rooms:IdKey still knows the room; restarted without Rooms:IdKey (ids derived from the
/// new signing key) it does not, and says once why.
/// </summary>
public sealed class RoomIdKeyRotationTests
{
    private const string IdKey = "Zr4kP9wQ2mX7vB1nC8tY5uH3jL6gF0dS";

    [Fact]
    public async Task Rotating_the_signing_key_keeps_room_ids_valid_when_the_id_key_is_set()
    {
        var data = Path.Combine(Path.GetTempPath(), $"li-idkey-{Guid.NewGuid():N}");
        try
        {
            string roomId;
            await using (var before = new LiveServer(data, Settings("q8V2mZ0Lr7Xc1Tn4Bw6Ks9Ye3Hd5Jf0Pa2Ug8Ri", IdKey)).Start())
                roomId = (await before.CreateLiveRoom(await before.SignIn("Rita", "creator"), "Survives a key rotation")).RoomId;

            const string rotated = "N7bT2xQ9vL4kM1pR8sW5yC3hJ6dG0fZaE4uV";
            await using (var after = new LiveServer(data, Settings(rotated, IdKey)).Start())
            {
                using var http = after.Http((await after.SignIn("Sol")).Token);
                var room = await http.GetFromJsonAsync<RoomSnapshot>($"api/rooms/{roomId}");
                Assert.Equal("Survives a key rotation", room!.Title);
            }

            var logs = new CapturingLoggerProvider();
            var settings = Settings(rotated, idKey: null);
            settings["Logging:LogLevel:Default"] = "Information";
            await using (var withoutIdKey = new LiveServer(data, settings, s => s.AddLogging(b => b.AddProvider(logs))).Start())
            {
                using var http = withoutIdKey.Http((await withoutIdKey.SignIn("Sol")).Token);
                for (var i = 0; i < 3; i++)
                    Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"api/rooms/{roomId}")).StatusCode);
            }
            var fallback = Assert.Single(logs.Entries, e => e.Category == typeof(RoomIdIssuer).FullName && e.Message.StartsWith("Rooms:IdKey is not set", StringComparison.Ordinal));
            Assert.Equal(LogLevel.Information, fallback.Level);
        }
        finally
        {
            LiveServer.DeleteData(data);
        }
    }

    [Fact]
    public async Task A_short_id_key_stops_the_server_at_start()
    {
        await using var server = new LiveServer(settings: new Dictionary<string, string?> { ["Rooms:IdKey"] = "short-but-random-9f8e7d" });
        var refused = Assert.ThrowsAny<Exception>(() => server.Start());
        Assert.Contains("Rooms:IdKey must be at least 32 bytes", refused.ToString());
    }

    private static Dictionary<string, string?> Settings(string signingKey, string? idKey) => new()
    {
        ["Auth:SigningKey"] = signingKey,
        ["Rooms:IdKey"] = idKey,
    };
}
