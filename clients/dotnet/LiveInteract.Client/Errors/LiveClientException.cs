using System.Net;
using Microsoft.AspNetCore.SignalR;

namespace LiveInteract.Client.Errors;

/// <summary>
/// The server refused a call. <see cref="Exception.Message"/> is the server's short message, safe to show
/// to a user ("comment is empty", "room has ended"). <see cref="Code"/> is the stable code for REST errors
/// (e.g. <c>not_found</c>); hub errors carry only a message, so it is <c>hub_error</c> there.
/// </summary>
public sealed class LiveClientException : Exception
{
    public const string HubError = "hub_error";

    public LiveClientException() : this("bad_request", "request failed") { }
    public LiveClientException(string message) : this("bad_request", message) { }
    public LiveClientException(string message, Exception inner) : base(message, inner) { Code = "bad_request"; }

    public LiveClientException(string code, string message, HttpStatusCode? status = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Status = status;
    }

    public string Code { get; }

    /// <summary>The HTTP status of a REST error; null for hub errors.</summary>
    public HttpStatusCode? Status { get; }

    private const string HubPrefix = "HubException: ";

    /// <summary>SignalR wraps the server's message ("An unexpected error ... HubException: room not found"): keep the server's part.</summary>
    internal static LiveClientException FromHub(HubException ex)
    {
        var message = ex.Message;
        var at = message.LastIndexOf(HubPrefix, StringComparison.Ordinal);
        if (at >= 0) message = message[(at + HubPrefix.Length)..];
        return new LiveClientException(HubError, message, null, ex);
    }
}
