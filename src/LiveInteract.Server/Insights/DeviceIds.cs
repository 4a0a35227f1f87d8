using System.Text.RegularExpressions;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Risk;

namespace LiveInteract.Server.Insights;

/// <summary>
/// The client's device id for the device risk signals (docs/INSIGHTS.md): the <c>Risk:DeviceIdHeader</c> header
/// (<c>X-Device-Id</c>), or the <c>device_id</c> query parameter (browsers cannot set headers on a WebSocket). A value
/// that is not 1-128 of [A-Za-z0-9._:-] is ignored; so is everything when the header option is empty.
/// </summary>
public static partial class DeviceIds
{
    public const string QueryParameter = "device_id";

    public static string? Of(HttpContext? http, RiskOptions options)
    {
        if (http is null || options.DeviceIdHeader.Length == 0) return null;
        string? value = http.Request.Headers[options.DeviceIdHeader].FirstOrDefault();
        if (string.IsNullOrEmpty(value)) value = http.Request.Query[QueryParameter].FirstOrDefault();
        return value is not null && Pattern().IsMatch(value) ? value : null;
    }

    /// <summary>The actor with the device id of the request (or connection) it came from.</summary>
    public static Actor WithDevice(this Actor actor, HttpContext? http, RiskOptions options) => actor with { DeviceId = Of(http, options) };

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex Pattern();
}
