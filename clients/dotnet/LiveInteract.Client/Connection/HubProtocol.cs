using System.Diagnostics.CodeAnalysis;
using LiveInteract.Client.Json;
using LiveInteract.Contracts.Hub;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveInteract.Client.Connection;

/// <summary>
/// The SignalR hub protocol a <see cref="LiveClient"/> speaks (<see cref="LiveClientOptions.Protocol"/>); the server
/// accepts both. REST calls are JSON either way.
/// </summary>
public sealed class HubProtocol
{
    private readonly Action<IHubConnectionBuilder> _apply;

    private HubProtocol(string name, Action<IHubConnectionBuilder> apply)
    {
        Name = name;
        _apply = apply;
    }

    /// <summary>The SignalR protocol name: <c>json</c> or <c>messagepack</c>.</summary>
    public string Name { get; }

    /// <summary>SignalR's JSON protocol with the SDK's source-generated contracts: the default, trim- and AOT-safe.</summary>
    public static HubProtocol Json { get; } = new("json", builder => builder.AddJsonProtocol(o =>
    {
        o.PayloadSerializerOptions.TypeInfoResolver = LiveJsonContext.Default;
        o.PayloadSerializerOptions.AllowOutOfOrderMetadataProperties = true;
    }));

    /// <summary>
    /// SignalR's MessagePack protocol with LiveInteract's settings (<see cref="LiveMessagePack.Options"/>): smaller
    /// frames and cheaper parsing. It is a method, not a property, so that the trim/AOT warning lands in the app that
    /// chooses it: MessagePack-CSharp builds its object formatters at run time, so this is not for Native AOT apps.
    /// </summary>
    [RequiresUnreferencedCode("MessagePack does not support trimming or native AOT; use HubProtocol.Json there.")]
    [RequiresDynamicCode("MessagePack does not support trimming or native AOT; use HubProtocol.Json there.")]
    public static HubProtocol MessagePack() =>
        new("messagepack", builder => builder.AddMessagePackProtocol(o => o.SerializerOptions = LiveMessagePack.Options));

    internal void ApplyTo(IHubConnectionBuilder builder) => _apply(builder);

    public override string ToString() => Name;
}
