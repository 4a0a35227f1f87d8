using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Abstractions;

namespace LiveInteract.Grains.Tests;

/// <summary>Rooms:MaxOpenRoomsPerCreator on a cluster of its own (the shared fixture lifts the cap).</summary>
public sealed class CreatorRoomsTests
{
    [Fact]
    public async Task A_creator_holds_at_most_the_cap_of_open_rooms_ending_one_frees_a_place_and_a_lost_place_is_reclaimed()
    {
        var fixture = new ClusterFixture { ConfigureRooms = o => o.MaxOpenRoomsPerCreator = 2 };
        await fixture.InitializeAsync();
        try
        {
            var creator = new Actor("cap-creator", "Cap") { Role = Roles.Creator };
            IRoomGrain Room(string id) => fixture.Grains.GetGrain<IRoomGrain>(id);
            // A place whose room was never stored (its creation failed after the claim).
            await fixture.Grains.GetGrain<ICreatorRoomsGrain>(creator.UserId).Open("cap-ghost");
            await Room("cap-a").Create(creator, "A");
            await Room("cap-b").Create(creator, "B"); // full: the ghost's place is reclaimed
            await Room("cap-b").Start(creator);

            var refused = await Assert.ThrowsAsync<LiveInteractException>(() => Room("cap-c").Create(creator, "C"));
            Assert.Equal(ErrorCodes.TooManyRooms, refused.Code);
            Assert.Equal("a creator can have at most 2 open rooms (created or live); end one first: cap-a, cap-b", refused.Message);
            // The refused room was not created.
            Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<LiveInteractException>(() => Room("cap-c").GetSnapshot(null, null))).Code);

            await Room("cap-a").End(creator); // a room that never went live ends too, and frees its place
            await Room("cap-c").Create(creator, "C");

            // Another creator has places of their own.
            await Room("cap-other").Create(new Actor("cap-other-creator", "Other") { Role = Roles.Creator }, "Other");
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
