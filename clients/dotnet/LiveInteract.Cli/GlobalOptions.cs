using System.CommandLine;
using LiveInteract.Client.Connection;

namespace LiveInteract.Cli;

/// <summary>Options every command takes (declared once, recursive).</summary>
internal static class GlobalOptions
{
    public static readonly Option<string> Server = new("--server")
    {
        Description = "Server base address",
        DefaultValueFactory = _ => "http://127.0.0.1:5000",
        Recursive = true,
    };

    public static readonly Option<string> Name = new("--name")
    {
        Description = "Display name for the guest sign-in",
        DefaultValueFactory = _ => "cli-" + Environment.UserName,
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "Use this token (from `liveinteract login`) instead of a new guest sign-in; default: $LIVEINTERACT_TOKEN",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("LIVEINTERACT_TOKEN"),
        Recursive = true,
    };

    public static readonly Option<string> Protocol = new("--protocol")
    {
        Description = "Hub protocol: json or messagepack",
        DefaultValueFactory = _ => "json",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Machine-readable output: one JSON document (or one JSON object per line for live feeds)",
        Recursive = true,
    };

    /// <summary>The SDK protocol for a --protocol value; null for an unknown name.</summary>
    public static HubProtocol? ProtocolNamed(string? name) => name?.ToLowerInvariant() switch
    {
        "json" => HubProtocol.Json,
        "messagepack" or "msgpack" => HubProtocol.MessagePack(),
        _ => null,
    };
}
