using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Insights;

namespace LiveInteract.Grains.Insights;

/// <summary>The UTC windows of the ranking periods: the hour, the day, the week starting Monday 00:00.</summary>
public static class RankingWindows
{
    public static readonly string[] Periods = [RankingNames.Hour, RankingNames.Day, RankingNames.Week];

    public static (DateTimeOffset Start, DateTimeOffset End) Of(string period, DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        switch (period)
        {
            case RankingNames.Hour:
                var hour = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
                return (hour, hour.AddHours(1));
            case RankingNames.Day:
                var day = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
                return (day, day.AddDays(1));
            case RankingNames.Week:
                var today = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
                var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
                return (monday, monday.AddDays(7));
            default:
                throw new LiveInteractException(ErrorCodes.BadRequest, "period must be hour, day or week");
        }
    }

    /// <summary>The ranking grain's key of the window holding <paramref name="at"/>.</summary>
    public static string Key(string period, DateTimeOffset at) => $"{period}:{Of(period, at).Start.ToUnixTimeMilliseconds()}";
}
