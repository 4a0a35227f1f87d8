using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.SignalR;
using LiveInteract.Contracts.Hub;
using LiveInteract.Server.Abuse;
using LiveInteract.Server.Auth;
using LiveInteract.Server.Battles;
using LiveInteract.Server.Demo;
using LiveInteract.Server.Errors;
using LiveInteract.Server.Gifts;
using LiveInteract.Server.Hosting;
using LiveInteract.Server.Hubs;
using LiveInteract.Server.Insights;
using LiveInteract.Server.Media;
using LiveInteract.Server.Operations;
using LiveInteract.Server.Relays;
using LiveInteract.Server.Rooms;
using LiveInteract.Server.Service;
using LiveInteract.Server.Webhooks;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
// Before any layer adds its hub filter: filters added first run outermost, so every refusal or failure of the filters
// below (token revocation and expiry, rate limits, unknown rooms) goes through the one error mapping and logging.
builder.Services.AddOptions<HubOptions>().Configure(o => o.AddFilter<HubErrorFilter>());
builder.AddLiveInteractTelemetry();
builder.AddTransportMemoryPool();
builder.AddLiveInteractSilo();
builder.AddLiveInteractAuth();
builder.AddServiceApi();
builder.AddLiveInteractMedia();

builder.Services.AddExceptionHandler<LiveInteractExceptionHandler>();
// A body or query value that does not bind (bad JSON, "abc" for a number) is thrown to the handler above, which answers
// a problem saying which parameter; by default minimal APIs answer a bare 400 with no body outside Development.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddOpenApi();
builder.Services.AddSingleton<OrderedInvocationFilter>();
// JSON and MessagePack side by side; the client picks one in the handshake (docs/PROTOCOL.md).
builder.Services.AddSignalR(o =>
{
    // Gifts run beside a connection's other calls; everything else stays one at a time, in order (OrderedInvocationFilter).
    o.MaximumParallelInvocationsPerClient = OrderedInvocationFilter.ParallelInvocationsPerClient;
    o.AddFilter<OrderedInvocationFilter>();
})
    .AddMessagePackProtocol(o => o.SerializerOptions = LiveMessagePack.Options);
builder.AddAbuseProtection();
builder.AddRestRateLimiting();
builder.AddRoomIds();
builder.AddOperations();
builder.Services.AddOptions<RelayOptions>().BindConfiguration(RelayOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<RoomRelayRegistry>();
builder.Services.AddSingleton<HubConnections>();
builder.Services.AddSingleton<HubLifetimeManager<LiveHub>, TrackingHubLifetimeManager>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<RoomRelayRegistry>());
builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
if (builder.Configuration.GetValue<bool>($"{DemoOptions.Section}:{nameof(DemoOptions.Enabled)}"))
    builder.Services.AddHostedService<DemoRoomService>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseOriginAllowList();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseMiddleware<AnonymousViewerMiddleware>();
app.UseMiddleware<RequestBodyLimitMiddleware>();
app.UseRateLimiter();
app.UseAuthorization();
app.UseUnknownRoomRefusal();

app.MapServiceDefaults();
app.MapLiveInteractTelemetry();
var openApi = app.MapOpenApi();
if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OperationsOptions>>().Value.RestrictTelemetry)
    openApi.RequireAuthorization(ServiceApi.Policy);
app.MapAuthEndpoints();
app.MapServiceEndpoints();
app.MapWebhookEndpoints();
app.MapRoomEndpoints();
app.MapModerationEndpoints();
app.MapInteractiveEndpoints();
app.MapLiveInteractMedia();
app.MapGiftEndpoints();
app.MapBattleEndpoints();
app.MapInsightsEndpoints();
app.MapOperationsEndpoints();
var relayOptions = app.Services.GetRequiredService<IOptions<RelayOptions>>().Value;
var hubPipePool = app.Services.GetRequiredService<TrimmingBlockPoolFactory>().Create();
app.MapHub<LiveHub>(HubRoutes.Live, o =>
{
    o.CloseOnAuthenticationExpiration = true;
    // A viewer whose socket takes longer than this to accept one write is disconnected (see RelayOptions).
    o.TransportSendTimeout = relayOptions.SocketSendTimeout;
    // Last: the connections' pipes rent from the transport's trimming pool instead of allocating per broadcast.
    if (!HubConnectionPipes.TryUsePool(o, hubPipePool))
        app.Logger.LogWarning("This ASP.NET Core has no pipe options to give a pool; hub connections rent from ArrayPool.Shared");
}).RequireRateLimiting(RestRateLimiting.AnonymousViewers);

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
