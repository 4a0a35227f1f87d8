using System.Net.Http.Json;
using System.Text.Json;
using LiveInteract.Contracts.Privacy;
using LiveInteract.Server.Tests.Service;
using System.Text;

namespace LiveInteract.Server.Tests.Privacy;

/// <summary>A class's shared real server with a service API key and fast insights and ranking flushes (real clocks).</summary>
public sealed class PrivacyServerFixture() : LiveServerFixture(PrivacyServer.Settings());

/// <summary>The same with a 2-second <c>Privacy:ViewerDataRetention</c>.</summary>
public sealed class ShortRetentionServerFixture() : LiveServerFixture(PrivacyServer.Settings(("Privacy:ViewerDataRetention", "00:00:02")));

public static class PrivacyServer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Insights:FlushInterval"] = "00:00:00.200",
            ["Rankings:FlushInterval"] = "00:00:00.200",
        }.WithBackendKey();
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    public static async Task<UserDataExport> Export(this HttpClient service, string userId) =>
        (await service.GetFromJsonAsync<UserDataExport>($"api/service/users/{userId}/export", Json))!;

    /// <summary>True when any file of the server's storage holds <paramref name="text"/> (UTF-8 or UTF-16).</summary>
    public static bool StorageContains(this LiveServer server, string text)
    {
        byte[][] needles = [Encoding.UTF8.GetBytes(text), Encoding.Unicode.GetBytes(text)];
        foreach (var file in Directory.EnumerateFiles(server.DataDirectory, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }
            if (needles.Any(n => bytes.AsSpan().IndexOf(n) >= 0)) return true;
        }
        return false;
    }
}
