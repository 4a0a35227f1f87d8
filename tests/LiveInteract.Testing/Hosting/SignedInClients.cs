using LiveInteract.Client;
using LiveInteract.Client.Auth;

namespace LiveInteract.Testing;

/// <summary>SDK clients on a <see cref="LiveServer"/>, as an app has them after its sign-in screen.</summary>
public static class SignedInClients
{
    /// <summary>
    /// A <see cref="LiveClient"/> signed in as a guest named <paramref name="name"/> and connected to the hub. Its
    /// updates are buffered from the start, so an <see cref="UpdateRecorder"/> made afterwards still sees them all.
    /// </summary>
    public static async Task<LiveClient> SignedInClient(this LiveServer server, string name, UserRole role = UserRole.Viewer)
    {
        var client = new LiveClient(server.BaseAddress);
        await client.SignInAsGuestAsync(name, role);
        await client.ConnectAsync();
        return client;
    }
}
