using Microsoft.AspNetCore.SignalR;

namespace LiveInteract.Server.Rooms;

public static class RoomIdSetup
{
    /// <summary>Issued room ids (<see cref="RoomIdIssuer"/>) and the hub's refusal of the others (call after AddAbuseProtection: rate limits run first).</summary>
    public static WebApplicationBuilder AddRoomIds(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RoomIdOptions>().BindConfiguration(RoomIdOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RoomIdIssuer>();
        builder.Services.AddOptions<HubOptions>().Configure(hub => hub.AddFilter<UnknownRoomHubFilter>());
        return builder;
    }

    /// <summary>404 for routes naming a room id that was never issued (after routing, rate limiting and authorization).</summary>
    public static IApplicationBuilder UseUnknownRoomRefusal(this IApplicationBuilder app) => app.UseMiddleware<UnknownRoomMiddleware>();
}
