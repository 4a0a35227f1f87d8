using System.Globalization;
using System.Text;
using LiveInteract.Media.Bench;
using LiveInteract.Media.Sources;
using OpenCvSharp;

// Usage: LiveInteract.Media.Bench [frames-per-size] [video] [--rounds N] [--markdown FILE] [--marker NAME] [--no-quality]
//        LiveInteract.Media.Bench effect-storm [rounds] [seconds] [gifts-per-second]
//        LiveInteract.Media.Bench profile-filters [width] [height] [passes]
// One OpenCV thread, so every number is the cost on one core. With --rounds, every round's full table is printed and
// the medians of the rounds are written into FILE between <!-- NAME --> and <!-- /NAME --> (NAME defaults to "rounds").
Cv2.SetNumThreads(1);
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length > 0 && args[0] == "effect-storm")
{
    await EffectStorm.RunAsync(args);
    return;
}

if (args.Length > 0 && args[0] == "profile-filters")
{
    FilterProfile.Run(args);
    return;
}

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
var flags = new[] { "--rounds", "--markdown", "--marker" };
var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !flags.Contains(args[i - 1]))).ToList();
var frameCount = positional.Count > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 150;
var video = positional.Count > 1 ? positional[1] : VideoFileSource.FindSampleVideo() ?? throw new FileNotFoundException("No sample video; install opencv-doc.");
var roundCount = int.Parse(Option("--rounds") ?? "1", CultureInfo.InvariantCulture);
var markdown = Option("--markdown");
var marker = Option("--marker") ?? "rounds";
var quality = !args.Contains("--no-quality");

var summary = new RoundsSummary();
for (var round = 1; round <= roundCount; round++)
{
    summary.StartRound();
    var report = new StringBuilder();
    report.AppendLine(CultureInfo.InvariantCulture, $"## Round {round} of {roundCount} (load average {RoundsSummary.LoadAverage()})");
    report.AppendLine();
    report.AppendLine(ArRound.Header(video, frameCount));
    foreach (var size in new[] { new Size(640, 480), new Size(1280, 720) })
    {
        summary.Add($"{size.Width}x{size.Height}", await ArRound.RunAsync(video, frameCount, size, report));
        Console.Error.WriteLine($"round {round}: {size.Width}x{size.Height} done");
    }

    Console.WriteLine(report.ToString());
}

if (quality)
{
    Console.WriteLine(TrackerQuality.Table());
}

if (roundCount > 1)
{
    Console.WriteLine(summary.Markdown());
}

if (markdown is not null)
{
    summary.WriteInto(markdown, marker);
    Console.Error.WriteLine($"medians written into {markdown} ({marker})");
}
