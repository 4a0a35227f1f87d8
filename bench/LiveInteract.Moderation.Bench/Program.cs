using System.Diagnostics;
using System.Globalization;
using LiveInteract.Grains.Text;
using LiveInteract.Server.Abuse;

// Median ns per operation over 15 runs of 20,000 operations each, after a warm-up run.
// Baseline: TextSanitizer.Require on the same comment, which every comment pays today.
const int Runs = 15;
const int Ops = 20_000;

var words = Enumerable.Range(0, 200).Select(i => $"blocked{i}word").ToArray();
var comment = string.Concat(Enumerable.Repeat("Loving this stream, greetings from Lisbon! ", 7))[..300];
var matcher20 = new BlockedWordMatcher(words.Take(20));
var matcher200 = new BlockedWordMatcher(words);
var bucket = new TokenBucket(1e12, int.MaxValue, TimeProvider.System);
var sink = 0;

var cases = new (string Name, Action Op)[]
{
    ("baseline: TextSanitizer.Require (300-char comment)", () => sink += TextSanitizer.Require(comment, "comment", 300).Length),
    ("BlockedWordMatcher.Matches, 20 words", () => sink += matcher20.Matches(comment) ? 1 : 0),
    ("BlockedWordMatcher.Matches, 200 words", () => sink += matcher200.Matches(comment) ? 1 : 0),
    ("TokenBucket.TryTake (rate-limit filter, per bucket)", () => sink += bucket.TryTake() ? 1 : 0),
};

var results = cases.Select(c => (c.Name, Median: Measure(c.Op))).ToList();
var baseline = results[0].Median;
Console.WriteLine("| case | median ns/op | ratio to baseline |");
Console.WriteLine("|---|---:|---:|");
foreach (var (name, median) in results)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {median:F0} | {median / baseline:F2} |"));
return sink == int.MinValue ? 1 : 0;

static double Measure(Action op)
{
    for (var i = 0; i < Ops; i++) op();
    var samples = new double[Runs];
    for (var r = 0; r < Runs; r++)
    {
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < Ops; i++) op();
        samples[r] = sw.Elapsed.TotalNanoseconds / Ops;
    }
    Array.Sort(samples);
    return samples[Runs / 2];
}
