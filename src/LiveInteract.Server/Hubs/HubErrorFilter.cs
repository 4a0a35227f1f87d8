using LiveInteract.Contracts.Errors;
using Microsoft.AspNetCore.SignalR;

namespace LiveInteract.Server.Hubs;

/// <summary>Turns our rejections into <see cref="HubException"/>s, whose short message reaches the caller.</summary>
public sealed class HubErrorFilter(ILogger<HubErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (LiveInteractException ex)
        {
            throw new HubException(ex.Message);
        }
        catch (Exception ex) when (ex is not HubException)
        {
            logger.LogError(ex, "Hub method {Method} failed", invocationContext.HubMethodName);
            throw new HubException("server error, try again");
        }
    }
}
