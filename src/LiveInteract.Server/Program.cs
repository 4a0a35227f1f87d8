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
using LiveInteract.Server.Media;
using LiveInteract.Server.Operations;
using LiveInteract.Server.Relays;
using LiveInteract.Server.Rooms;
using LiveInteract.Server.Service;
using LiveInteract.Server.Webhooks;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddLiveInteractTelemetry();
builder.AddLiveInteractSilo();
builder.AddLiveInteractAuth();
builder.AddServiceApi();
builder.AddWebhooks();
builder.AddLiveInteractMedia();

builder.Services.AddExceptionHandler<LiveInteractExceptionHandler>();
builder.Services.AddOpenApi();
builder.Services.AddSignalR(o => o.AddFilter<HubErrorFilter>());
builder.AddAbuseProtection();
builder.AddOperations();
builder.Services.AddOptions<RelayOptions>().BindConfiguration(RelayOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<RoomRelayRegistry>();
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
app.UseAuthorization();

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
app.MapLiveInteractMedia();
app.MapGiftEndpoints();
app.MapBattleEndpoints();
app.MapOperationsEndpoints();
app.MapHub<LiveHub>(HubRoutes.Live, o => o.CloseOnAuthenticationExpiration = true);

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
