using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Gifts;
using Microsoft.AspNetCore.Diagnostics;

namespace LiveInteract.Server.Errors;

/// <summary>Maps rejections to a 4xx problem with the stable code and the short message; anything else is a 500.</summary>
public sealed class LiveInteractExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public static int StatusFor(string code) => code switch
    {
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.Conflict or ErrorCodes.RoomEnded or ErrorCodes.NotLive or ErrorCodes.TooManyRooms => StatusCodes.Status409Conflict,
        GiftErrorCodes.IdempotencyConflict or GiftErrorCodes.InsufficientBalance => StatusCodes.Status409Conflict,
        GiftErrorCodes.UnknownGift => StatusCodes.Status404NotFound,
        ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, message) = exception switch
        {
            LiveInteractException e => (StatusFor(e.Code), e.Code, e.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, ErrorCodes.BadRequest, "request body is too large"),
            // Binding failures name the parameter and the value that did not fit: about the request, safe to show.
            BadHttpRequestException e => (e.StatusCode, ErrorCodes.BadRequest, e.Message),
            _ => (StatusCodes.Status500InternalServerError, "server_error", "server error, try again"),
        };
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = message, Extensions = { ["code"] = code } },
        });
    }
}
