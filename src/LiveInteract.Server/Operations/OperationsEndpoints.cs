using LiveInteract.Grains.Abstractions;
using LiveInteract.Server.Media;
using LiveInteract.Server.Rooms;
using LiveInteract.Server.Service;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Operations;

/// <summary>
/// Read-only operator endpoints under <c>/ops</c>, mapped only when <see cref="OperationsOptions.Diagnostics"/> is on.
/// The cluster tests use them to find which silo to kill.
/// </summary>
public static class OperationsEndpoints
{
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section).ValidateOnStart();
        return builder;
    }

    public static WebApplication MapOperationsEndpoints(this WebApplication app)
    {
        // The dashboard's UI and API: only with the operator's credential (the service API key).
        if (app.Services.GetRequiredService<IOptions<OperationsOptions>>().Value.Dashboard)
            Orleans.Dashboard.ServiceCollectionExtensions.MapOrleansDashboard(app, "/dashboard").RequireAuthorization(ServiceApi.Policy);
        if (!app.Services.GetRequiredService<IOptions<OperationsOptions>>().Value.Diagnostics) return app;
        var ops = app.MapGroup("/ops").WithTags("Operations").AllowAnonymous().ExcludeFromDescription();
        ops.MapGet("/rooms/{roomId}/placement", Placement);
        // A full blocking GC: an operator and load-test tool, never for a health check.
        ops.MapGet("/memory", MemoryReport.AfterFullCollection);
        return app;
    }

    private static async Task<RoomPlacement> Placement(string roomId, IGrainFactory grains, ILocalSiloDetails silo, RoomMediaRegistry media)
    {
        RoomIds.Validate(roomId);
        // The grain directory's last known answer; it does not activate the room.
        var address = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetGrain<IRoomGrain>(roomId));
        return new RoomPlacement(roomId, address?.ToString(), address?.Endpoint.Port, silo.SiloAddress.ToString(), media.Find(roomId) is not null);
    }
}
