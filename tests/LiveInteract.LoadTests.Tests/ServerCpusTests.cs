using LiveInteract.LoadTests.Hosting;

namespace LiveInteract.LoadTests.Tests;

/// <summary><c>--server-cpus</c>: a server the tool starts really runs only on the CPUs asked for, every thread of it.</summary>
public sealed class ServerCpusTests
{
    [Fact]
    public async Task A_started_server_and_all_its_threads_are_pinned_to_the_server_cpus()
    {
        var cpus = CpuSet.Parse("0", Environment.ProcessorCount);
        await using var server = await ServerProcess.StartBaseline(LiveInteract.Testing.Artifacts.LoadToolDll, cpus: cpus);

        // It serves (the launcher waited for /healthz), through taskset's exec: the process id is the server's own.
        using var http = new HttpClient();
        Assert.True((await http.GetAsync(new Uri(server.BaseUrl + "/healthz"))).IsSuccessStatusCode);
        Assert.Contains("LiveInteract.LoadTests", await File.ReadAllTextAsync($"/proc/{server.ProcessId}/cmdline"), StringComparison.Ordinal);
        var threads = CpuSet.AllowedPerThread(server.ProcessId);
        Assert.True(threads.Count > 5, $"only {threads.Count} threads read");
        Assert.All(threads, allowed => Assert.Equal("0", allowed));
    }
}
