using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using LiveInteract.Contracts.Webhooks;
using Microsoft.Extensions.Options;

namespace LiveInteract.Grains.Webhooks;

/// <summary>The outcome of one attempt: delivered (2xx), or why not (status if one came back).</summary>
public sealed record WebhookAttemptResult(bool Delivered, int? Status, string Reason);

/// <summary>
/// Sends one signed event. Redirects are not followed (a 3xx is a failure); every address a name resolves to is
/// checked against <see cref="WebhookUrlPolicy"/> before connecting; the whole attempt is bounded by
/// <see cref="WebhookOptions.Timeout"/> and the response body is not read.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly WebhookOptions _options;

    public WebhookSender(IOptions<WebhookOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        var allowLoopback = _options.AllowLoopback;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = _options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = async (context, ct) =>
            {
                var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
                    ? [literal]
                    : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
                foreach (var address in addresses)
                    if (WebhookUrlPolicy.Refusal(address, allowLoopback) is { } reason) throw new WebhookRefusedException(reason);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The JSON body of <paramref name="e"/>: <c>{id, type, time, roomId, data}</c>.</summary>
    public static byte[] Body(WebhookEvent e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", e.Id);
            json.WriteString("type", e.Type);
            json.WriteString("time", DateTimeOffset.FromUnixTimeMilliseconds(e.At).ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("roomId", e.RoomId);
            json.WritePropertyName("data");
            json.WriteRawValue(e.DataJson);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public async Task<WebhookAttemptResult> Send(WebhookEndpoint endpoint, WebhookEvent e, int attempt)
    {
        var body = Body(e);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Create(endpoint.Secret, _time.GetUtcNow().ToUnixTimeSeconds(), body));
        request.Headers.Add("X-LiveInteract-Event", e.Type);
        request.Headers.Add("X-LiveInteract-Delivery", e.Id);
        request.Headers.Add("X-LiveInteract-Attempt", attempt.ToString(CultureInfo.InvariantCulture));
        request.Headers.UserAgent.ParseAdd("LiveInteract-Webhooks/1");
        using var cts = new CancellationTokenSource(_options.Timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300) return new(true, status, "ok");
            if (status is >= 300 and < 400) return new(false, status, "redirect not followed");
            return new(false, status, $"receiver answered {status}");
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return new(false, null, $"no answer within {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException ex) when (ex.InnerException is WebhookRefusedException refused)
        {
            return new(false, null, refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return new(false, null, Short(ex.HttpRequestError.ToString(), ex.Message));
        }
    }

    private static string Short(string kind, string message)
    {
        var text = new StringBuilder(kind).Append(": ").Append(message);
        return text.Length > 200 ? text.ToString(0, 200) : text.ToString();
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A connection the policy refused (the name resolved to a forbidden address).</summary>
public sealed class WebhookRefusedException(string message) : Exception(message);
