using System.Globalization;
using System.Text;

namespace LiveInteract.Media.Bench;

/// <summary>
/// The medians of several rounds, per frame size, with each round's value beside it, and the load average at the start
/// of each round (the machine is shared; thread CPU time measures the work, the load says how crowded it was). Written
/// into a markdown file between <c>&lt;!-- marker --&gt;</c> and <c>&lt;!-- /marker --&gt;</c>.
/// </summary>
internal sealed class RoundsSummary
{
    private readonly List<string> _loads = [];
    private readonly List<(string Size, Dictionary<string, double> Measures)> _rounds = [];

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public void StartRound() => _loads.Add(LoadAverage());

    public void Add(string size, Dictionary<string, double> measures) => _rounds.Add((size, measures));

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Rounds: {_loads.Count}; load average (1, 5, 15 min) at the start of each round: {string.Join("; ", _loads)}.");
        foreach (var size in _rounds.Select(r => r.Size).Distinct())
        {
            var rounds = _rounds.Where(r => r.Size == size).Select(r => r.Measures).ToList();
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"#### {size}: medians of {rounds.Count} rounds (each round's value in brackets)");
            md.AppendLine();
            md.AppendLine("| measure | median | rounds |");
            md.AppendLine("|---|---:|---|");
            foreach (var name in rounds[0].Keys)
            {
                var values = rounds.Select(r => r[name]).ToList();
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {name} | {Format(Median(values))} | {string.Join(", ", values.Select(Format))} |");
            }
        }

        return md.ToString();
    }

    /// <summary>Replaces what lies between the markers in <paramref name="path"/> with <see cref="Markdown"/>.</summary>
    public void WriteInto(string path, string marker)
    {
        var open = $"<!-- {marker} -->";
        var close = $"<!-- /{marker} -->";
        var text = File.ReadAllText(path);
        var start = text.IndexOf(open, StringComparison.Ordinal);
        var end = text.IndexOf(close, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidOperationException($"{path} has no '{open}' ... '{close}' block.");
        }

        start += open.Length;
        File.WriteAllText(path, string.Concat(text.AsSpan(0, start), "\n" + Markdown() + "\n", text.AsSpan(end)));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Format(double v) => Math.Round(v, 2).ToString(CultureInfo.InvariantCulture);
}
