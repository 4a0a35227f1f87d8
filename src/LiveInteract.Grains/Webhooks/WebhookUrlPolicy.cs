using System.Net;
using System.Net.Sockets;

namespace LiveInteract.Grains.Webhooks;

/// <summary>
/// Which webhook URLs and addresses the server will call. Checked when an endpoint is registered (the URL, and its
/// host if it is a literal address) and again on every connection (each address the name resolves to), so a name
/// that later resolves to a metadata service is refused at connect time, not followed.
/// </summary>
public static class WebhookUrlPolicy
{
    /// <summary>Cloud metadata names that resolve to link-local or internal addresses.</summary>
    private static readonly string[] MetadataHosts = ["metadata.google.internal", "metadata", "instance-data", "instance-data.ec2.internal"];

    /// <summary>Null when <paramref name="url"/> is acceptable, else the reason (shown to the operator).</summary>
    public static string? Check(string? url, bool allowLoopback)
    {
        if (string.IsNullOrWhiteSpace(url)) return "url is required";
        if (url.Length > 2048) return "url is longer than 2048 characters";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return "url is not an absolute URL";
        if (uri.Scheme is not ("http" or "https")) return "url must be http or https";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "url must not contain credentials";
        if (!string.IsNullOrEmpty(uri.Fragment)) return "url must not contain a fragment";
        var host = uri.IdnHost.TrimEnd('.');
        if (MetadataHosts.Contains(host, StringComparer.OrdinalIgnoreCase)) return "url points at a cloud metadata service";
        if (!allowLoopback && (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)))
            return "url points at this machine (loopback)";
        if (IPAddress.TryParse(uri.HostNameType == UriHostNameType.IPv6 ? host.Trim('[', ']') : host, out var address)
            && Refusal(address, allowLoopback) is { } reason) return reason;
        return null;
    }

    /// <summary>Null when the server may connect to <paramref name="address"/>, else why not.</summary>
    public static string? Refusal(IPAddress address, bool allowLoopback)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return allowLoopback ? null : "url points at this machine (loopback)";
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return "url points at an unspecified address";
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            if (b[0] == 169 && b[1] == 254) return "url points at a link-local or metadata address";
            if (b[0] == 100 && b[1] == 100 && b[2] == 100 && b[3] == 200) return "url points at a cloud metadata address"; // Alibaba
            if (b[0] == 0 || b[0] >= 224) return "url points at a reserved or multicast address";
        }
        else if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv6LinkLocal || address.IsIPv6Multicast) return "url points at a link-local or multicast address";
            if (address.Equals(IPAddress.Parse("fd00:ec2::254"))) return "url points at a cloud metadata address";
        }
        return null;
    }
}
