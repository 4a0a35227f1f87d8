using System.Diagnostics;

namespace LiveInteract.Cluster.Tests;

/// <summary>There is no Docker engine here; Debian's docker-compose still validates the file and resolves its services.</summary>
public sealed class DockerComposeTests
{
    [Fact]
    public async Task Compose_file_is_valid_and_has_redis_three_silos_and_a_proxy()
    {
        var (exitCode, output, error) = await Compose("test-only-" + Guid.NewGuid().ToString("N"));

        Assert.True(exitCode == 0, error);
        Assert.Equal(["proxy", "redis", "silo1", "silo2", "silo3"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Fact]
    public async Task Compose_refuses_to_run_without_a_signing_key_and_says_how_to_make_one()
    {
        var (exitCode, _, error) = await Compose(signingKey: null);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("set LIVEINTERACT_SIGNING_KEY to a random secret, e.g. export LIVEINTERACT_SIGNING_KEY=$(openssl rand -base64 48)", error);
    }

    private static async Task<(int ExitCode, string Output, string Error)> Compose(string? signingKey)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "LiveInteract.sln"))) root = Path.GetDirectoryName(root)!;
        var start = new ProcessStartInfo("docker-compose") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-f", "docker-compose.yml", "config", "--services" }) start.ArgumentList.Add(a);
        start.Environment.Remove("LIVEINTERACT_SIGNING_KEY");
        if (signingKey is not null) start.Environment["LIVEINTERACT_SIGNING_KEY"] = signingKey;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
