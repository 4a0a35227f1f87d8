using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveInteract.Testing;

/// <summary>
/// The real server (Kestrel on a free loopback port, a co-hosted Orleans silo on free ports, SQLite state in
/// <see cref="DataDirectory"/>). Start two in turn on the same folder to test a restart.
/// </summary>
public sealed class LiveServer : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public LiveServer(string? dataDirectory = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), $"li-server-{Guid.NewGuid():N}");
        _settings = new Dictionary<string, string?>
        {
            ["LiveInteract:DataDirectory"] = DataDirectory,
            ["LiveInteract:SiloPort"] = Ports.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LiveInteract:GatewayPort"] = Ports.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Demo:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        // Every test client comes from 127.0.0.1: the REST rate limits are raised here; Hostile/HostileClientTests
        // runs with the shipped ones.
        foreach (var limit in new[] { "PerIp", "Tokens", "AnonymousViewers", "RoomCreation", "Snapshots", "TopUps", "Battles" })
            _settings[$"RestLimits:{limit}:Permits"] = "10000000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
    }

    public string DataDirectory { get; }

    /// <summary>
    /// For tests that measure fan-out, not abuse protection: the Benchmark environment's appsettings raise every
    /// message limit far above what they send.
    /// </summary>
    public static IDictionary<string, string?> Unthrottled() =>
        new Dictionary<string, string?> { [WebHostDefaults.EnvironmentKey] = "Benchmark" };

    public Uri BaseAddress { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_services is not null) builder.ConfigureServices(_services);
    }

    /// <summary>Starts Kestrel and returns once the server answers.</summary>
    public LiveServer Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return this;
    }

    public HttpClient Http(string? token = null)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public async Task<TestUser> SignIn(string name, string role = "viewer")
    {
        using var http = Http();
        var response = await http.PostAsJsonAsync("api/auth/token", new { name, role });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return new TestUser(token!.UserId, token.DisplayName, token.Token);
    }

    /// <summary>A real SignalR client over WebSockets, token in the query string as browsers send it.</summary>
    public Task<HubConnection> Connect(TestUser user, bool start = true) => Connect(user.Token, start);

    /// <summary>A real SignalR client over WebSockets with no token at all: the server makes it a watch-only guest.</summary>
    public Task<HubConnection> ConnectWithoutToken(bool start = true) => Connect((string?)null, start);

    private async Task<HubConnection> Connect(string? token, bool start)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, HubRoutes.Live.TrimStart('/')), o =>
            {
                if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        if (start) await connection.StartAsync();
        return connection;
    }

    /// <summary>Creates a room as <paramref name="creator"/> and takes it live.</summary>
    public async Task<RoomSnapshot> CreateLiveRoom(TestUser creator, string title = "Test room")
    {
        using var http = Http(creator.Token);
        var created = await http.PostAsJsonAsync("api/rooms", new { title });
        created.EnsureSuccessStatusCode();
        var room = await created.Content.ReadFromJsonAsync<RoomSnapshot>();
        var started = await http.PostAsync($"api/rooms/{room!.RoomId}/start", null);
        started.EnsureSuccessStatusCode();
        return (await started.Content.ReadFromJsonAsync<RoomSnapshot>())!;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Removes the data folder (call after the last server on it stopped).</summary>
    public static void DeleteData(string dataDirectory)
    {
        try { Directory.Delete(dataDirectory, recursive: true); } catch (DirectoryNotFoundException) { }
    }

    private sealed record TokenResponse(string Token, string UserId, string DisplayName);
}

public sealed record TestUser(string UserId, string Name, string Token);

/// <summary>One server shared by the tests of a class.</summary>
public class LiveServerFixture : IAsyncLifetime
{
    public LiveServerFixture() : this(null) { }

    protected LiveServerFixture(IDictionary<string, string?>? settings) => Server = new LiveServer(settings: settings);

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

/// <summary>A shared server whose message limits do not get in the way of fan-out tests.</summary>
public sealed class UnthrottledServerFixture() : LiveServerFixture(LiveServer.Unthrottled());
