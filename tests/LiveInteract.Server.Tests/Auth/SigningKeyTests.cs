using System.Net;
using System.Net.Http.Json;
using LiveInteract.Server.Auth;

namespace LiveInteract.Server.Tests.Auth;

public sealed class SigningKeyTests
{
    [Theory]
    [InlineData(null, "Auth:SigningKey is required in the Cluster profile")]
    [InlineData("", "Auth:SigningKey is required in the Cluster profile")]
    [InlineData("short-key-but-random-9f8e7d", "Auth:SigningKey must be at least 32 bytes")]
    [InlineData("change-me-to-a-long-random-secret-of-32-bytes", "Auth:SigningKey is a published example key")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Auth:SigningKey has too little entropy")]
    [InlineData("abcdefabcdefabcdefabcdefabcdefabcdefabcdef", "Auth:SigningKey has too little entropy")]
    [InlineData("0101010101010101012301010101010101010101", "Auth:SigningKey has too little entropy")]
    public void Weak_keys_are_refused_with_a_reason_and_how_to_make_one(string? key, string reason)
    {
        var problem = SigningKeyPolicy.Problem(key);
        Assert.NotNull(problem);
        Assert.StartsWith(reason, problem);
        Assert.EndsWith("make one with: openssl rand -base64 48", problem);
    }

    [Theory]
    [InlineData("q8V2mZ0Lr7Xc1Tn4Bw6Ks9Ye3Hd5Jf0Pa2Ug8Ri")]
    [InlineData("cluster-tests-signing-key-0123456789abcdef")]
    public void Random_looking_keys_of_32_bytes_or_more_are_accepted(string key) => Assert.Null(SigningKeyPolicy.Problem(key));

    [Theory]
    [InlineData("")]
    [InlineData("change-me-to-a-long-random-secret-of-32-bytes")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task The_cluster_profile_refuses_to_start_with_a_weak_key(string key)
    {
        await using var server = new LiveServer(settings: new Dictionary<string, string?>
        {
            ["LiveInteract:Profile"] = "Cluster",
            ["LiveInteract:Redis"] = "127.0.0.1:1,abortConnect=false,connectTimeout=200",
            ["Auth:SigningKey"] = key,
            ["LiveInteract:Tls:Enabled"] = "false", // else the missing silo certificate is refused first
        });
        var refused = Assert.ThrowsAny<Exception>(() => server.Start());
        Assert.Contains("Auth:SigningKey", Flatten(refused));
        Assert.Contains("openssl rand -base64 48", Flatten(refused));
    }

    [Fact]
    public async Task The_cluster_profile_refuses_to_start_without_a_silo_certificate_and_says_how_to_make_one()
    {
        await using var server = new LiveServer(settings: new Dictionary<string, string?>
        {
            ["LiveInteract:Profile"] = "Cluster",
            ["LiveInteract:Redis"] = "127.0.0.1:1,abortConnect=false,connectTimeout=200",
            ["Auth:SigningKey"] = "q8V2mZ0Lr7Xc1Tn4Bw6Ks9Ye3Hd5Jf0Pa2Ug8Ri",
        });
        var refused = Assert.ThrowsAny<Exception>(() => server.Start());
        Assert.Contains("LiveInteract:Tls:CertificatePath is required in the Cluster profile", Flatten(refused));
        Assert.Contains("openssl pkcs12 -export", Flatten(refused));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_local_signing_key_file_is_readable_by_its_owner_only_and_tokens_survive_a_restart()
    {
        var data = Path.Combine(Path.GetTempPath(), $"li-key-{Guid.NewGuid():N}");
        try
        {
            string token;
            await using (var first = new LiveServer(data).Start())
                token = (await first.SignIn("Kim")).Token;
            var file = Path.Combine(data, "signing.key");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(64, new FileInfo(file).Length);

            // A key file left world-readable (older version, careless copy) is tightened on the next start.
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            await using var second = new LiveServer(data).Start();
            using var http = second.Http(token);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/wallet")).StatusCode);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        finally
        {
            LiveServer.DeleteData(data);
        }
    }

    [Fact]
    public async Task Demo_top_ups_can_be_turned_off_and_say_so()
    {
        await using var server = new LiveServer(settings: new Dictionary<string, string?> { ["Gifts:DemoTopUps"] = "false" }).Start();
        var user = await server.SignIn("Pat");
        using var http = server.Http(user.Token);
        var refused = await http.PostAsJsonAsync("api/wallet/topup", new { coins = 10 });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static string Flatten(Exception e) => e.ToString();
}
