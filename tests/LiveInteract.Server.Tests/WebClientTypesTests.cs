using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using LiveInteract.Contracts.Auth;
using LiveInteract.Contracts.Battles;
using LiveInteract.Contracts.Effects;
using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Moderation;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Tests;

/// <summary>
/// The web client writes its wire types by hand (clients/web/src/core/types.ts). This test holds them to the server:
/// each TypeScript interface maps to a contract type, and its fields must be JSON property names the running server
/// writes for that type (its REST and its SignalR JSON options), and, for REST bodies, properties of the schema in the
/// server's OpenAPI document (<c>/openapi/v1.json</c>). Fields the server sends that the web client does not declare
/// are listed here by name, so a field renamed or added on either side fails this test instead of a viewer.
/// </summary>
public sealed partial class WebClientTypesTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    /// <summary>TypeScript interface -> the contract types it describes (two for the shared ban/unban shape).</summary>
    private static readonly Dictionary<string, Type[]> Mapped = new(StringComparer.Ordinal)
    {
        ["RoomCounters"] = [typeof(RoomCounters)],
        ["FilterSpec"] = [typeof(FilterSpec)],
        ["EventBase"] = [typeof(RoomEvent)],
        ["CommentEvent"] = [typeof(CommentEvent)],
        ["StatusEvent"] = [typeof(RoomStatusEvent)],
        ["FiltersEvent"] = [typeof(FiltersChangedEvent)],
        ["Gift"] = [typeof(Gift)],
        ["GiftEvent"] = [typeof(GiftEvent)],
        ["TopGifter"] = [typeof(TopGifter)],
        ["GiftBoardEvent"] = [typeof(GiftBoardEvent)],
        ["GiftBoardView"] = [typeof(GiftBoardView)],
        ["BattleSide"] = [typeof(BattleSide)],
        ["Battle"] = [typeof(BattleEvent)],
        ["BattleEvent"] = [typeof(BattleEvent)],
        ["CommentDeletedEvent"] = [typeof(CommentDeletedEvent)],
        ["UserMutedEvent"] = [typeof(UserMutedEvent)],
        ["UserBannedEvent"] = [typeof(UserBannedEvent), typeof(UserUnbannedEvent)],
        ["SlowModeEvent"] = [typeof(SlowModeEvent)],
        ["BlockedWordsEvent"] = [typeof(BlockedWordsChangedEvent)],
        ["EventBatch"] = [typeof(EventBatch)],
        ["RoomSnapshot"] = [typeof(RoomSnapshot)],
        ["RoomListing"] = [typeof(RoomListing)],
        ["CommentReceipt"] = [typeof(CommentReceipt)],
        ["IssuedToken"] = [typeof(AuthToken)],
        ["Wallet"] = [typeof(WalletView)],
        ["GiftReceipt"] = [typeof(GiftReceipt)],
        ["CreatorEarnings"] = [typeof(CreatorEarnings)],
        ["ModerationRecord"] = [typeof(ModerationRecord)],
        ["ModerationPage"] = [typeof(ModerationPage)],
        ["ClipInfo"] = [typeof(ClipInfo)],
        ["MediaStatus"] = [typeof(MediaStatus)],
        ["GiftEffect"] = [typeof(GiftEffect)],
        ["EffectEvent"] = [typeof(EffectEvent)],
        ["GiftEffectsEvent"] = [typeof(GiftEffectsChangedEvent)],
        ["PollView"] = [typeof(PollView)],
        ["PollStartedEvent"] = [typeof(PollStartedEvent)],
        ["PollTallyEvent"] = [typeof(PollTallyEvent)],
        ["PollEndedEvent"] = [typeof(PollEndedEvent)],
        ["QuestionView"] = [typeof(QuestionView)],
        ["QuestionEvent"] = [typeof(QuestionEvent)],
        ["QuestionVotesEvent"] = [typeof(QuestionVotesEvent)],
        ["PinnedItem"] = [typeof(PinnedItem)],
        ["PinnedEvent"] = [typeof(PinnedEvent)],
        ["GoalView"] = [typeof(GoalView)],
        ["GoalEvent"] = [typeof(GoalEvent), typeof(GoalReachedEvent)],
        ["HeldComment"] = [typeof(HeldComment)],
        ["LiveHeadline"] = [typeof(LiveHeadline)],
        ["InsightsMinute"] = [typeof(InsightsMinute)],
        ["RoomInsights"] = [typeof(RoomInsights)],
        ["GiftTotal"] = [typeof(GiftTotal)],
        ["GifterTotal"] = [typeof(GifterTotal)],
        ["ModerationCount"] = [typeof(ModerationCount)],
        ["PollOutcome"] = [typeof(PollOutcome)],
        ["PollOptionResult"] = [typeof(PollOptionResult)],
        ["QuestionsOutcome"] = [typeof(QuestionsOutcome)],
        ["AnsweredQuestion"] = [typeof(AnsweredQuestion)],
        ["GoalOutcome"] = [typeof(GoalOutcome)],
        ["PastLive"] = [typeof(PastLive)],
        ["PastLivePage"] = [typeof(PastLivePage)],
        ["ScoreComponent"] = [typeof(ScoreComponent)],
        ["CreatorScore"] = [typeof(CreatorScore)],
        ["RankingEntry"] = [typeof(RankingEntry)],
        ["Ranking"] = [typeof(Ranking)],
    };

    /// <summary>Fields the server writes that the web client does not read (so it does not declare them).</summary>
    private static readonly Dictionary<string, string[]> NotDeclared = new(StringComparer.Ordinal)
    {
        // GET /api/battles/{id} returns the battle event; the Battle shape is its payload without the event fields.
        ["Battle"] = ["seq", "at", "userId", "displayName"],
        // The web client never posts a comment the keyword filter holds differently from a published one.
        ["CommentReceipt"] = ["held"],
        // The viewer page shows the balance; coins credited by the operator's shop (service API) are not shown apart.
        ["Wallet"] = ["credited"],
        // The viewer page shows only whether video is coming, how far the pipeline got, and the clips.
        ["MediaStatus"] = ["framesIn", "framesRejected", "framesDropped", "hls", "lastError", "updatedAt"],
    };

    /// <summary>Interfaces that are REST bodies: also checked against the OpenAPI document's schemas.</summary>
    private static readonly string[] RestBodies =
        ["RoomSnapshot", "RoomListing", "Gift", "Wallet", "CreatorEarnings", "ModerationPage", "ModerationRecord", "IssuedToken", "Battle", "ClipInfo"];

    [Fact]
    public async Task Every_web_client_wire_type_matches_the_server()
    {
        var declared = ParseInterfaces(await File.ReadAllTextAsync(TypesTsPath()));
        var server = fixture.Server;
        using var http = server.Http();
        using var openApi = JsonDocument.Parse(await http.GetStringAsync("openapi/v1.json"));
        var schemas = openApi.RootElement.GetProperty("components").GetProperty("schemas");
        var rest = server.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var hub = server.Services.GetRequiredService<IOptions<JsonHubProtocolOptions>>().Value.PayloadSerializerOptions;

        var problems = new List<string>();
        Assert.Empty(Mapped.Keys.Except(declared.Keys));
        Assert.Empty(declared.Keys.Except(Mapped.Keys)); // a new interface in types.ts needs a mapping here
        foreach (var (name, types) in Mapped)
        {
            var fields = AllFields(declared, name);
            foreach (var type in types)
            {
                foreach (var options in new[] { rest, hub })
                {
                    var written = WrittenNames(type, options);
                    foreach (var field in fields.Keys.Where(f => f != "type" && !written.Contains(f)))
                        problems.Add($"{name}.{field}: the server writes no '{field}' for {type.Name} (it writes {string.Join(", ", written)})");
                    var notDeclared = NotDeclared.GetValueOrDefault(name, []);
                    foreach (var field in written.Where(w => !fields.ContainsKey(w) && !notDeclared.Contains(w)))
                        problems.Add($"{name}: the server writes '{field}' for {type.Name}, which types.ts does not declare");
                }
                if (fields.TryGetValue("type", out var literal) && literal is not null)
                {
                    var discriminator = Discriminator(type);
                    if (!literal.Split('|').Select(s => s.Trim().Trim('\'')).Contains(discriminator))
                        problems.Add($"{name}.type is {literal}; the server's discriminator for {type.Name} is '{discriminator}'");
                }
            }
        }

        foreach (var name in RestBodies)
        {
            var schemaName = Mapped[name][0].Name;
            if (!schemas.TryGetProperty(schemaName, out var schema))
            {
                problems.Add($"{name}: /openapi/v1.json has no schema {schemaName}");
                continue;
            }
            var properties = SchemaProperties(schemas, schema);
            foreach (var field in AllFields(declared, name).Keys.Where(f => !properties.Contains(f)))
                problems.Add($"{name}.{field}: OpenAPI schema {schemaName} has no such property ({string.Join(", ", properties)})");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_parser_reads_fields_and_inherited_fields()
    {
        var parsed = ParseInterfaces("""
            interface Base { seq: number; }
            /** doc */
            export interface A extends Base {
              type: 'a' | 'b';
              // a comment
              name?: string | null;
            }
            """);
        Assert.Equal(new[] { "seq", "type", "name" }, AllFields(parsed, "A").Keys);
        Assert.Equal("'a' | 'b'", AllFields(parsed, "A")["type"]);
    }

    /// <summary>A schema's property names, following <c>$ref</c> and <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c>.</summary>
    private static HashSet<string> SchemaProperties(JsonElement schemas, JsonElement schema)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (schema.ValueKind != JsonValueKind.Object) return names;
        if (schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } path
            && schemas.TryGetProperty(path[(path.LastIndexOf('/') + 1)..], out var target))
            names.UnionWith(SchemaProperties(schemas, target));
        if (schema.TryGetProperty("properties", out var properties))
            names.UnionWith(properties.EnumerateObject().Select(p => p.Name));
        foreach (var combinator in new[] { "allOf", "anyOf", "oneOf" })
            if (schema.TryGetProperty(combinator, out var parts))
                foreach (var part in parts.EnumerateArray()) names.UnionWith(SchemaProperties(schemas, part));
        return names;
    }

    private static HashSet<string> WrittenNames(Type type, JsonSerializerOptions options)
    {
        options.MakeReadOnly(populateMissingResolver: true);
        return options.GetTypeInfo(type).Properties
            .Where(p => p.Get is not null && p.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), true)
                .OfType<JsonIgnoreAttribute>().Any(a => a.Condition == JsonIgnoreCondition.Always) != true)
            .Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }

    private static string? Discriminator(Type type) =>
        typeof(RoomEvent).GetCustomAttributes<JsonDerivedTypeAttribute>().FirstOrDefault(a => a.DerivedType == type)?.TypeDiscriminator as string;

    private sealed record Interface(string[] Extends, Dictionary<string, string> Fields);

    private static Dictionary<string, Interface> ParseInterfaces(string source)
    {
        var code = BlockComment().Replace(source, "");
        code = LineComment().Replace(code, "");
        var result = new Dictionary<string, Interface>(StringComparer.Ordinal);
        foreach (Match m in InterfaceDeclaration().Matches(code))
        {
            var extends = m.Groups["extends"].Success
                ? m.Groups["extends"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [];
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match f in Field().Matches(m.Groups["body"].Value)) fields[f.Groups["name"].Value] = f.Groups["type"].Value.Trim();
            result[m.Groups["name"].Value] = new Interface(extends, fields);
        }
        return result;
    }

    private static Dictionary<string, string> AllFields(Dictionary<string, Interface> interfaces, string name)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var own = interfaces[name];
        foreach (var parent in own.Extends)
            foreach (var (field, type) in AllFields(interfaces, parent)) fields[field] = type;
        foreach (var (field, type) in own.Fields) fields[field] = type;
        return fields;
    }

    private static string TypesTsPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "clients", "web", "src", "core", "types.ts");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("clients/web/src/core/types.ts not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"(?:export\s+)?interface\s+(?<name>\w+)(?:\s+extends\s+(?<extends>[\w\s,]+?))?\s*\{(?<body>[^}]*)\}")]
    private static partial Regex InterfaceDeclaration();

    [GeneratedRegex(@"(?<name>\w+)\??\s*:\s*(?<type>[^;]+);")]
    private static partial Regex Field();
}
