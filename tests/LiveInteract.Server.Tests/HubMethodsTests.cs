using System.Reflection;
using LiveInteract.Contracts.Hub;
using LiveInteract.Server.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace LiveInteract.Server.Tests;

/// <summary>The hub answers exactly the method names in <see cref="HubMethods"/>, and sends exactly its client ones.</summary>
public sealed class HubMethodsTests
{
    [Fact]
    public void Every_hub_method_is_named_by_the_contracts()
    {
        var hubMethods = typeof(LiveHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(LiveHub))
            .Select(m => m.GetCustomAttribute<HubMethodNameAttribute>()?.Name ?? $"{m.Name} (no [HubMethodName])")
            .Order(StringComparer.Ordinal);
        Assert.Equal(HubMethods.ServerMethods.Order(StringComparer.Ordinal), hubMethods);
    }

    [Fact]
    public void Every_client_method_is_named_by_the_contracts()
    {
        var clientMethods = typeof(ILiveClient).GetMethods().Select(m => m.Name).Order(StringComparer.Ordinal);
        Assert.Equal(HubMethods.ClientMethods.Order(StringComparer.Ordinal), clientMethods);
    }
}
