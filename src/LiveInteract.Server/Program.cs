using Microsoft.AspNetCore.SignalR;
using LiveInteract.Contracts.Hub;
using LiveInteract.Server.Auth;
using LiveInteract.Server.Battles;
using LiveInteract.Server.Demo;
using LiveInteract.Server.Errors;
using LiveInteract.Server.Gifts;
using LiveInteract.Server.Hosting;
using LiveInteract.Server.Hubs;
using LiveInteract.Server.Relays;
using LiveInteract.Server.Rooms;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddLiveInteractSilo();
builder.AddLiveInteractAuth();

builder.Services.AddExceptionHandler<LiveInteractExceptionHandler>();
builder.Services.AddOpenApi();
builder.Services.AddSignalR(o => o.AddFilter<HubErrorFilter>());
builder.Services.AddOptions<RelayOptions>().BindConfiguration(RelayOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<RoomRelayRegistry>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<RoomRelayRegistry>());
builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
if (builder.Configuration.GetValue<bool>($"{DemoOptions.Section}:{nameof(DemoOptions.Enabled)}"))
    builder.Services.AddHostedService<DemoRoomService>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();

app.MapServiceDefaults();
app.MapOpenApi();
app.MapAuthEndpoints();
app.MapRoomEndpoints();
app.MapGiftEndpoints();
app.MapBattleEndpoints();
app.MapHub<LiveHub>(HubRoutes.Live);

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
