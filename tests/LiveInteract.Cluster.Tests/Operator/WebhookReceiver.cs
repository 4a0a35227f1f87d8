using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LiveInteract.Cluster.Tests.Operator;

/// <summary>One webhook as the receiver saw it, after checking its signature.</summary>
public sealed record ReceivedWebhook(string Id, string Type, string RoomId, JsonElement Data, int Attempt);

/// <summary>
/// An operator's receiver, written apart from the server's code: loopback Kestrel that checks
/// <c>X-LiveInteract-Signature</c> with its own HMAC and answers 401 to a bad one. It can be stopped and started again
/// on the same port (a receiver that was down for a while).
/// </summary>
public sealed class WebhookReceiver(string secret) : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private WebApplication? _app;
    private int _badSignatures;

    public int Port { get; } = Ports.Free();
    public string Url => $"http://127.0.0.1:{Port}/hook";
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];
    public int BadSignatures => _badSignatures;

    public async Task Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            if (!Verify(http.Request.Headers["X-LiveInteract-Signature"].ToString(), body))
            {
                Interlocked.Increment(ref _badSignatures);
                return Results.Unauthorized();
            }
            var json = JsonDocument.Parse(body).RootElement.Clone();
            Assert.True(DateTimeOffset.TryParse(json.GetProperty("time").GetString(), CultureInfo.InvariantCulture, out _), "time is an ISO 8601 timestamp");
            _received.Enqueue(new ReceivedWebhook(json.GetProperty("id").GetString()!, json.GetProperty("type").GetString()!,
                json.GetProperty("roomId").GetString()!, json.GetProperty("data"),
                int.Parse(http.Request.Headers["X-LiveInteract-Attempt"].ToString(), CultureInfo.InvariantCulture)));
            return Results.Ok();
        });
        await _app.StartAsync();
    }

    public async Task Stop()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>The documented check: t=&lt;unix&gt;,v1=hex(HMAC-SHA256(secret, t + "." + body)), t within 5 minutes.</summary>
    private bool Verify(string header, byte[] body)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1)) return false;
        if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(t, CultureInfo.InvariantCulture)) > 300) return false;
        byte[] message = [.. Encoding.UTF8.GetBytes(t + "."), .. body];
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(v1));
    }

    public ValueTask DisposeAsync() => new(Stop());
}
