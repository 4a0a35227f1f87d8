using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveInteract.Grains.Tests.Users;

/// <summary>
/// The cluster's revocation list: silos ask for what changed since their version; old entries go once every token
/// they refused has expired; the list is bounded. On a fake clock, with a small bound.
/// </summary>
public sealed class TokenRevocationListTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ClusterFixture _fixture;

    public TokenRevocationListTests() => _fixture = new ClusterFixture
    {
        Time = _clock,
        ConfigureServices = services => services.Configure<RevocationOptions>(o =>
        {
            o.Retention = TimeSpan.FromHours(1);
            o.MaxUsers = 100;
        }),
    };

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    private ITokenRevocationListGrain List => _fixture.Grains.GetGrain<ITokenRevocationListGrain>(ITokenRevocationListGrain.Key);

    [Fact]
    public async Task A_silo_gets_only_what_changed_since_its_version()
    {
        var alice = await List.Revoke("alice");
        var bob = await List.Revoke("bob");
        Assert.Equal(_clock.GetUtcNow().ToUnixTimeSeconds(), alice.NotBefore);

        var all = await List.GetSince(0);
        Assert.Equal(bob.Version, all.Version);
        Assert.Equal(["alice", "bob"], all.Users.Select(u => u.UserId).Order());

        _clock.Advance(TimeSpan.FromMinutes(1));
        var again = await List.Revoke("alice");
        var since = await List.GetSince(all.Version);
        var changed = Assert.Single(since.Users);
        Assert.Equal(("alice", again.NotBefore), (changed.UserId, changed.NotBefore));
        Assert.True(again.NotBefore > alice.NotBefore);
        Assert.Empty((await List.GetSince(since.Version)).Users);
    }

    [Fact]
    public async Task Entries_go_after_the_retention_and_a_full_list_refuses_with_a_clear_error()
    {
        for (var i = 0; i < 100; i++) await List.Revoke($"user-{i}");
        var full = await Assert.ThrowsAsync<LiveInteractException>(() => List.Revoke("one-too-many"));
        Assert.Equal(ErrorCodes.Unavailable, full.Code);
        Assert.Contains("Revocations:MaxUsers", full.Message, StringComparison.Ordinal);
        // Revoking someone already on the list still works when it is full (and moves the cut-off).
        _clock.Advance(TimeSpan.FromMinutes(30));
        await List.Revoke("user-7");

        // Past the retention every token the first 99 refused has expired: the next revocation drops them.
        _clock.Advance(TimeSpan.FromMinutes(31));
        await List.Revoke("one-too-many");
        var left = await List.GetSince(0);
        Assert.Equal(["one-too-many", "user-7"], left.Users.Select(u => u.UserId).Order());
    }
}
