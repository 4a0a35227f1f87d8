using LiveInteract.LoadTests.Running;

namespace LiveInteract.LoadTests.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Flags_after_a_preset_override_it()
    {
        var command = CommandLine.Parse(["join-storm", "--viewers", "123", "--comments", "7.5", "--compare-baseline"]);

        Assert.Equal("join-storm", command.Settings.Preset);
        Assert.Equal(123, command.Settings.Viewers);
        Assert.Equal(7.5, command.Settings.CommentsPerSecondPerRoom);
        Assert.Equal(Presets.All["join-storm"].RampPerSecond, command.Settings.RampPerSecond);
        Assert.True(command.CompareBaseline);
        var ramp = CommandLine.Parse(["chatty-room", "--send-during-ramp", "--warmup", "5"]).Settings;
        Assert.True(ramp.SendDuringRamp);
        Assert.Equal(TimeSpan.FromSeconds(5), ramp.Warmup);
    }

    [Fact]
    public void Prime_runs_the_same_audience_for_its_own_duration_with_comments_during_the_ramp_and_no_prime_of_its_own()
    {
        var settings = CommandLine.Parse(["chatty-room", "--viewers", "1000", "--duration", "20", "--warmup", "3", "--prime", "10"]).Settings;
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Prime);
        var priming = settings.Priming();
        Assert.Equal((1000, TimeSpan.FromSeconds(10), TimeSpan.Zero, true, TimeSpan.Zero),
            (priming.Viewers, priming.Duration, priming.Warmup, priming.SendDuringRamp, priming.Prime));
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(["chatty-room", "--prime", "-1"]));
    }

    [Fact]
    public void Presets_above_2000_viewers_default_to_lean_viewers_and_flags_choose_mode_and_protocol()
    {
        Assert.Equal("lean", CommandLine.Parse(["join-storm"]).Settings.EffectiveViewerMode);
        Assert.Equal("sdk", CommandLine.Parse(["chatty-room"]).Settings.EffectiveViewerMode);
        Assert.Equal("lean", CommandLine.Parse(["chatty-room", "--viewers", "2001"]).Settings.EffectiveViewerMode);
        var command = CommandLine.Parse(["join-storm", "--viewer", "sdk", "--protocol", "messagepack"]);
        Assert.Equal(("sdk", "messagepack"), (command.Settings.EffectiveViewerMode, command.Settings.Protocol));
        Assert.Equal("json", CommandLine.Parse(["soak"]).Settings.Protocol);
        Assert.Equal("anonymous", CommandLine.Parse(["chatty-room"]).Settings.Watchers);
        Assert.Equal("signed-in", CommandLine.Parse(["chatty-room", "--watchers", "signed-in"]).Settings.Watchers);
    }

    [Fact]
    public void Server_cpus_take_a_cpu_list_and_leave_the_rest_of_the_machine_to_the_tool()
    {
        var cpus = CommandLine.Parse(["chatty-room", "--compare-baseline", "--server-cpus", "0,2-3"], processorCount: 8).ServerCpus!;
        Assert.Equal([0, 2, 3], cpus.Cpus);
        Assert.Equal("0,2,3", cpus.ToString());
        Assert.Equal([1, 4, 5, 6, 7], cpus.Rest(8).Cpus);
        Assert.Null(CommandLine.Parse(["chatty-room"], processorCount: 8).ServerCpus);
    }

    [Theory]
    [InlineData("0-1", "at least one must remain for the load tool")]
    [InlineData("0,1", "at least one must remain for the load tool")]
    [InlineData("2", "CPU 2 does not exist here (this machine has 2 CPUs")]
    [InlineData("1-0", "runs backwards")]
    [InlineData("one", "CPU numbers and ranges")]
    [InlineData("0,", "CPU numbers and ranges")]
    public void Server_cpus_are_checked_against_the_machine(string list, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => CommandLine.Parse(["chatty-room", "--server-cpus", list], processorCount: 2));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_cpus_cannot_pin_a_server_the_tool_did_not_start()
    {
        var error = Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--url", "http://127.0.0.1:5000", "--server-cpus", "0"], processorCount: 2));
        Assert.Contains("--url", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--viewer", "fat" }, "--viewer must be sdk or lean")]
    [InlineData(new[] { "--protocol", "xml" }, "--protocol must be json or messagepack")]
    [InlineData(new[] { "--watchers", "guests" }, "--watchers must be anonymous or signed-in")]
    [InlineData(new[] { "no-such-preset" }, "unknown preset")]
    [InlineData(new[] { "--viewers", "0" }, "--viewers")]
    [InlineData(new[] { "--url", "http://10.1.2.3:5000" }, "loopback")]
    [InlineData(new[] { "--rooms" }, "needs a value")]
    [InlineData(new[] { "--duration", "5", "--warmup", "5" }, "--warmup must be")]
    public void Bad_arguments_get_a_clear_error(string[] args, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => CommandLine.Parse(args));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
