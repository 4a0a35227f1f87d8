using System.ComponentModel.DataAnnotations;
using System.Reflection;
using LiveInteract.Grains.Rooms;

namespace LiveInteract.Server.Tests;

/// <summary>
/// docs/OPERATIONS.md and docs/MODERATION.md name every bounded option and every secret key option, so an operator
/// sees every limit and its default, and every key to set the same on every silo.
/// </summary>
public sealed class LimitsDocumentationTests
{
    [Fact]
    public void Every_option_with_a_range_and_every_key_option_is_listed_in_the_operator_docs()
    {
        var root = RepositoryRoot.Path();
        var docs = File.ReadAllText(Path.Combine(root, "docs", "OPERATIONS.md")) + File.ReadAllText(Path.Combine(root, "docs", "MODERATION.md"));
        var keys = new[] { typeof(Program).Assembly, typeof(RoomOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Section: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(o => o.Section is { IsLiteral: true })
            .SelectMany(o => o.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetCustomAttribute<RangeAttribute>() is not null || IsSecretKey(p))
                .Select(p => $"{o.Section!.GetRawConstantValue()}:{p.Name}"))
            .ToList();
        Assert.True(keys.Count > 50, $"found only {keys.Count} options");
        var missing = keys.Where(k => !docs.Contains($"`{k}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "not in docs/OPERATIONS.md or docs/MODERATION.md: " + string.Join(", ", missing));
    }

    /// <summary>A secret HMAC key (Auth:SigningKey, Rooms:IdKey): a string option whose name ends in Key.</summary>
    private static bool IsSecretKey(PropertyInfo property) =>
        property.PropertyType == typeof(string) && property.Name.EndsWith("Key", StringComparison.Ordinal);
}
