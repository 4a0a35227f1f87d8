using System.Reflection;
using LiveInteract.Contracts.Hub;
using LiveInteract.Server.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace LiveInteract.Server.Tests;

/// <summary>
/// The hub answers exactly the method names in <see cref="HubMethods"/>, sends exactly its client ones, and no C# file
/// outside the contracts spells a hub method name as a string (it uses the constants, so a rename cannot miss a caller).
/// </summary>
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

    [Fact]
    public void No_source_file_outside_the_contracts_writes_a_hub_method_name_as_a_string()
    {
        var root = RepositoryRoot.Path();
        // Grains and their abstractions are left out: their [Alias("...")] strings name grain methods, not hub ones.
        string[] scanned = ["src/LiveInteract.Server", "src/LiveInteract.Media", "clients/dotnet", "bench", "loadtests", "tests"];
        var quoted = HubMethods.ServerMethods.Concat(HubMethods.ClientMethods).Select(name => '"' + name + '"').ToArray();
        var offenders = new List<string>();
        foreach (var dir in scanned)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, dir), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")) continue;
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                    foreach (var literal in quoted.Where(q => lines[i].Contains(q, StringComparison.Ordinal)))
                        offenders.Add($"{relative}:{i + 1}: {literal} (use HubMethods)");
            }
        }
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }
}
