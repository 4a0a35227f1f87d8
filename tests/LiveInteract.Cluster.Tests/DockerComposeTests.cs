using System.Diagnostics;

namespace LiveInteract.Cluster.Tests;

/// <summary>There is no Docker engine here; Debian's docker-compose still validates the file and resolves its services.</summary>
public sealed class DockerComposeTests
{
    [Fact]
    public async Task Compose_file_is_valid_and_has_redis_three_silos_and_a_proxy()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "LiveInteract.sln"))) root = Path.GetDirectoryName(root)!;
        var start = new ProcessStartInfo("docker-compose") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-f", "docker-compose.yml", "config", "--services" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, error);
        Assert.Equal(["proxy", "redis", "silo1", "silo2", "silo3"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }
}
