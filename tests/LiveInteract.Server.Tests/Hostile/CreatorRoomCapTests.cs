using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Server.Tests.Hostile;

/// <summary>Rooms:MaxOpenRoomsPerCreator (5) over REST, as a creator's app meets it.</summary>
public sealed class CreatorRoomCapTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task A_sixth_open_room_is_refused_with_409_too_many_rooms_naming_the_open_ones_until_one_ends()
    {
        var creator = await Server.SignIn("Busy", "creator");
        using var http = Server.Http(creator.Token);
        var open = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            // Created and live rooms both count.
            open.Add(i % 2 == 0 ? (await Server.CreateLiveRoom(creator, $"live {i}")).RoomId : (await Create(http, $"waiting {i}")).RoomId);
        }

        var refused = await http.PostAsJsonAsync("api/rooms", new { title = "one too many" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("too_many_rooms", problem.GetProperty("code").GetString());
        Assert.Equal($"a creator can have at most 5 open rooms (created or live); end one first: {string.Join(", ", open)}",
            problem.GetProperty("title").GetString());

        // Another creator is not affected; ending one room (here one that never went live) frees a place.
        await Server.CreateLiveRoom(await Server.SignIn("Neighbour", "creator"));
        (await http.PostAsync($"api/rooms/{open[1]}/end", null)).EnsureSuccessStatusCode();
        var sixth = await Create(http, "now it fits");
        Assert.Equal(creator.UserId, sixth.CreatorId);
    }

    private static async Task<RoomSnapshot> Create(HttpClient http, string title)
    {
        var response = await http.PostAsJsonAsync("api/rooms", new { title });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RoomSnapshot>())!;
    }
}
