using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace LiveInteract.LoadTests.Hosting;

/// <summary>
/// CPUs in Linux list form ("0", "0,2", "1-3") for <c>--server-cpus</c>: every server the tool starts runs on these,
/// the tool itself on the others, so the generator and a server never share a core and a LiveInteract / baseline
/// ratio compares the servers' costs rather than how much of a core the generator left each of them.
/// Pinning goes through util-linux <c>taskset</c>: a server is launched under it, so every thread of it, and the
/// runtime's own view of its processor count, has the set from its first instruction; the running tool pins all of
/// its threads with <c>taskset -a</c> (Process.ProcessorAffinity on Linux sets only the thread whose id is the
/// process id, not the thread pool's threads).
/// </summary>
public sealed class CpuSet
{
    private CpuSet(IReadOnlyList<int> cpus) => Cpus = cpus;

    /// <summary>Ascending, distinct CPU numbers.</summary>
    public IReadOnlyList<int> Cpus { get; }

    /// <summary>Parses a list of CPUs that must leave at least one of the machine's <paramref name="processorCount"/> CPUs for the tool.</summary>
    public static CpuSet Parse(string text, int processorCount)
    {
        var cpus = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-');
            if (range.Length is < 1 or > 2 || !range.All(r => int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                throw new ArgumentException($"--server-cpus takes CPU numbers and ranges like 0 or 0,2 or 0-1 ('{part}' is neither)");
            int first = int.Parse(range[0], CultureInfo.InvariantCulture), last = int.Parse(range[^1], CultureInfo.InvariantCulture);
            if (last < first) throw new ArgumentException($"--server-cpus: range '{part}' runs backwards");
            if (last >= processorCount)
                throw new ArgumentException($"--server-cpus: CPU {last} does not exist here (this machine has {processorCount} CPUs, numbered 0-{processorCount - 1})");
            for (var cpu = first; cpu <= last; cpu++) cpus.Add(cpu);
        }
        if (cpus.Count >= processorCount)
            throw new ArgumentException($"--server-cpus {text} takes all {processorCount} CPUs: at least one must remain for the load tool");
        return new CpuSet([.. cpus]);
    }

    /// <summary>The machine's other CPUs: where the tool runs.</summary>
    public CpuSet Rest(int processorCount) => new([.. Enumerable.Range(0, processorCount).Except(Cpus)]);

    public override string ToString() => string.Join(',', Cpus);

    /// <summary>Turns <paramref name="start"/> into the same command run through <c>taskset -c</c> (same process id: taskset execs it).</summary>
    public void LaunchOn(ProcessStartInfo start)
    {
        start.ArgumentList.Insert(0, start.FileName);
        start.ArgumentList.Insert(0, ToString());
        start.ArgumentList.Insert(0, "-c");
        start.FileName = "taskset";
    }

    /// <summary>Pins every thread of this process (threads started later inherit it from the thread that starts them).</summary>
    public void PinCurrentProcess()
    {
        var start = new ProcessStartInfo("taskset") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-a", "-c", "-p", ToString(), Environment.ProcessId.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        try
        {
            using var taskset = Process.Start(start)!;
            var error = taskset.StandardError.ReadToEnd();
            taskset.StandardOutput.ReadToEnd();
            taskset.WaitForExit();
            if (taskset.ExitCode != 0) throw new InvalidOperationException($"taskset could not pin the load tool to CPUs {this}: {error.Trim()}");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("--server-cpus needs taskset (util-linux) on the PATH", e);
        }
    }

    /// <summary>The CPUs each thread of a running process may use (Linux: <c>Cpus_allowed_list</c> of /proc/&lt;pid&gt;/task/&lt;tid&gt;/status); a thread that ends while this reads is left out.</summary>
    public static IReadOnlyList<string> AllowedPerThread(int processId)
    {
        var allowed = new List<string>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{processId}/task"))
        {
            try
            {
                var line = File.ReadLines(Path.Combine(task, "status")).FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
                if (line is not null) allowed.Add(line["Cpus_allowed_list:".Length..].Trim());
            }
            catch (IOException) { }
        }
        return allowed;
    }
}
