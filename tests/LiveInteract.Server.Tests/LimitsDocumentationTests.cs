using System.ComponentModel.DataAnnotations;
using System.Reflection;
using LiveInteract.Grains.Rooms;

namespace LiveInteract.Server.Tests;

/// <summary>docs/OPERATIONS.md and docs/MODERATION.md name every bounded option, so an operator sees every limit and its default.</summary>
public sealed class LimitsDocumentationTests
{
    [Fact]
    public void Every_option_with_a_range_is_listed_in_the_operator_docs()
    {
        var root = RepositoryRoot.Path();
        var docs = File.ReadAllText(Path.Combine(root, "docs", "OPERATIONS.md")) + File.ReadAllText(Path.Combine(root, "docs", "MODERATION.md"));
        var keys = new[] { typeof(Program).Assembly, typeof(RoomOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Section: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(o => o.Section is { IsLiteral: true })
            .SelectMany(o => o.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetCustomAttribute<RangeAttribute>() is not null)
                .Select(p => $"{o.Section!.GetRawConstantValue()}:{p.Name}"))
            .ToList();
        Assert.True(keys.Count > 50, $"found only {keys.Count} options");
        var missing = keys.Where(k => !docs.Contains($"`{k}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "not in docs/OPERATIONS.md or docs/MODERATION.md: " + string.Join(", ", missing));
    }
}
