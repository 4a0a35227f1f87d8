using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Service;

/// <summary>
/// Authenticates <c>X-Api-Key</c> against the configured SHA-256 hashes. The comparison is constant-time and
/// looks at every configured key, so timing does not tell which key (or how much of one) matched.
/// </summary>
public sealed class ServiceApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    IOptionsMonitor<ServiceApiOptions> apiOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    private const string FailureItem = "li.service-key-failure";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ServiceApi.Header, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
            return Task.FromResult(Fail($"the {ServiceApi.Header} header is missing"));
        var options = apiOptions.CurrentValue;
        var presented = values[0]!;
        if (values.Count > 1 || presented.Length > options.MaxKeyLength)
            return Task.FromResult(Fail("the API key is not valid"));

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? matched = null;
        foreach (var key in options.Keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, Convert.FromHexString(key.Sha256)) && matched is null)
                matched = key.Name;
        }
        if (matched is null) return Task.FromResult(Fail("the API key is not valid"));

        var identity = new ClaimsIdentity([new Claim(ServiceApi.KeyNameClaim, matched)], ServiceApi.Scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ServiceApi.Scheme)));
    }

    /// <summary>401 with the same problem shape as every other refusal, saying what was wrong with the key.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        var message = Context.Items[FailureItem] as string ?? $"the {ServiceApi.Header} header is missing";
        await Response.WriteAsJsonAsync(new { status = 401, title = message, code = "invalid_api_key" });
    }

    private AuthenticateResult Fail(string message)
    {
        Context.Items[FailureItem] = message;
        return AuthenticateResult.Fail(message);
    }
}
