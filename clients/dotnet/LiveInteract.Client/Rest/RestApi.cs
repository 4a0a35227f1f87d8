using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LiveInteract.Client.Errors;
using LiveInteract.Client.Json;

namespace LiveInteract.Client.Rest;

/// <summary>JSON over HTTP with source-generated metadata; turns problem responses into <see cref="LiveClientException"/>.</summary>
internal sealed class RestApi(HttpClient http, Func<CancellationToken, ValueTask<string?>> token)
{
    public Task<T> GetAsync<T>(string path, JsonTypeInfo<T> result, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, path, content: null, result, ct);

    public Task<T> PostAsync<T>(string path, JsonContent? body, JsonTypeInfo<T> result, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, path, body, result, ct);

    public static JsonContent Body<T>(T value, JsonTypeInfo<T> info) => JsonContent.Create(value, info);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> result, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (await token(ct).ConfigureAwait(false) is { Length: > 0 } bearer)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await ErrorFrom(response, ct).ConfigureAwait(false);
        var value = await response.Content.ReadFromJsonAsync(result, ct).ConfigureAwait(false);
        return value ?? throw new LiveClientException("bad_response", $"{method} {path} returned no body", response.StatusCode);
    }

    private static async Task<LiveClientException> ErrorFrom(HttpResponseMessage response, CancellationToken ct)
    {
        ProblemResponse? problem = null;
        try
        {
            if (response.Content.Headers.ContentLength is not 0)
                problem = await response.Content.ReadFromJsonAsync(LiveJsonContext.Default.ProblemResponse, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException) { }

        var status = response.StatusCode;
        var code = problem?.Code ?? status switch
        {
            HttpStatusCode.Unauthorized => "unauthorized",
            HttpStatusCode.Forbidden => "forbidden",
            HttpStatusCode.NotFound => "not_found",
            _ => "http_" + (int)status,
        };
        var message = problem?.Title ?? status switch
        {
            HttpStatusCode.Unauthorized => "not signed in, or the token expired",
            HttpStatusCode.Forbidden => "not allowed",
            HttpStatusCode.NotFound => $"{response.RequestMessage?.RequestUri?.AbsolutePath} does not exist on this server",
            _ => $"HTTP {(int)status} {response.ReasonPhrase}",
        };
        return new LiveClientException(code, message, status);
    }
}
