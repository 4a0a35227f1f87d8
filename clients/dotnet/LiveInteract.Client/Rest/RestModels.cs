namespace LiveInteract.Client.Rest;

// Request and response bodies of the REST API live in LiveInteract.Contracts, shared with the server's endpoints.
// This is the one shape the SDK reads that the server does not declare as a type: ASP.NET Core's problem details.

/// <summary>The server's problem JSON: <c>title</c> is the short message, <c>code</c> the stable error code.</summary>
internal sealed record ProblemResponse(string? Title, int? Status, string? Code, string? Detail);
