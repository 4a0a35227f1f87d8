using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Grains.Text;

namespace LiveInteract.Grains.Interactive;

/// <summary>
/// A room's polls ("room-polls" state): the open poll, or the last one that closed, and the poll counter. One open
/// poll per room. The rules live here, testable without a silo; the room grain coordinates (events, timer, storage).
/// </summary>
[GenerateSerializer, Alias("li.RoomPolls")]
public sealed class RoomPolls
{
    [Id(0)] public Poll? Current { get; set; }
    [Id(1)] public long LastNumber { get; set; }

    public Poll? Open => Current is { Open: true } poll ? poll : null;

    /// <summary>Opens a poll after checking every input; nothing changes when one is refused.</summary>
    public Poll Start(string? question, IReadOnlyList<string?>? options, int seconds, long now, InteractiveOptions limits)
    {
        if (Open is not null) throw new LiveInteractException(ErrorCodes.Conflict, "a poll is already open; end it first");
        var cleanQuestion = TextSanitizer.Require(question, "question", limits.MaxPollQuestionLength);
        if (options is null || options.Count < InteractiveOptions.MinPollOptions || options.Count > InteractiveOptions.MaxPollOptions)
            throw new LiveInteractException(ErrorCodes.BadRequest,
                $"a poll needs {InteractiveOptions.MinPollOptions} to {InteractiveOptions.MaxPollOptions} options");
        var cleanOptions = new List<string>(options.Count);
        foreach (var option in options)
        {
            var clean = TextSanitizer.Require(option, "option", limits.MaxPollOptionLength);
            if (cleanOptions.Contains(clean, StringComparer.OrdinalIgnoreCase))
                throw new LiveInteractException(ErrorCodes.BadRequest, "poll options must differ");
            cleanOptions.Add(clean);
        }
        if (seconds < limits.MinPollSeconds || seconds > limits.MaxPollSeconds)
            throw new LiveInteractException(ErrorCodes.BadRequest, $"seconds must be between {limits.MinPollSeconds} and {limits.MaxPollSeconds}");
        var poll = new Poll
        {
            PollId = $"p{LastNumber + 1}",
            Question = cleanQuestion,
            Options = cleanOptions,
            Counts = new long[cleanOptions.Count],
            EndsAt = now + seconds * 1000L,
            Open = true,
        };
        LastNumber++;
        Current = poll;
        return poll;
    }

    /// <summary>The open poll with this id, or the stable refusal: unknown, or closed.</summary>
    public Poll RequireOpen(string? pollId, long now)
    {
        if (Current is not { } poll || poll.PollId != pollId) throw new LiveInteractException(ErrorCodes.NotFound, "poll not found");
        if (!poll.Open || now >= poll.EndsAt) throw new LiveInteractException(ErrorCodes.Conflict, "poll is closed");
        return poll;
    }
}

/// <summary>One poll: options, running counts and each voter's choice (bounded by <see cref="InteractiveOptions.MaxPollVoters"/>).</summary>
[GenerateSerializer, Alias("li.Poll")]
public sealed class Poll
{
    [Id(0)] public string PollId { get; set; } = "";
    [Id(1)] public string Question { get; set; } = "";
    [Id(2)] public List<string> Options { get; set; } = [];
    [Id(3)] public long[] Counts { get; set; } = [];
    /// <summary>User id to the option they chose; emptied when the poll closes (the counts stay).</summary>
    [Id(4)] public Dictionary<string, int> Votes { get; set; } = new(StringComparer.Ordinal);
    [Id(5)] public long EndsAt { get; set; }
    [Id(6)] public bool Open { get; set; }
    [Id(7)] public long Total { get; set; }

    /// <summary>
    /// Records <paramref name="userId"/>'s choice. One vote per user: voting again moves the vote (the counts change by
    /// one each way); the same choice again changes nothing. Returns whether the counts changed.
    /// </summary>
    public bool Vote(string userId, int option, int maxVoters)
    {
        if (option < 0 || option >= Options.Count)
            throw new LiveInteractException(ErrorCodes.BadRequest, $"option must be between 0 and {Options.Count - 1}");
        if (Votes.TryGetValue(userId, out var previous))
        {
            if (previous == option) return false;
            Counts[previous]--;
        }
        else
        {
            if (Votes.Count >= maxVoters) throw new LiveInteractException(ErrorCodes.Conflict, "the poll has reached its number of voters");
            Total++;
        }
        Votes[userId] = option;
        Counts[option]++;
        return true;
    }

    /// <summary>Closes the poll: the final counts and the winner (null when nobody voted or on a tie).</summary>
    public PollEndedEvent Close()
    {
        Open = false;
        Votes = new(StringComparer.Ordinal);
        var tied = Leaders();
        return new PollEndedEvent(PollId, [.. Counts], Total, tied.Count == 1 ? tied[0] : null, tied.Count > 1 ? tied : []);
    }

    public PollTallyEvent Tally() => new(PollId, [.. Counts], Total);

    public PollView View()
    {
        var leaders = Open ? [] : Leaders();
        return new PollView(PollId, Question, [.. Options], [.. Counts], Total, EndsAt, Open, leaders.Count == 1 ? leaders[0] : null);
    }

    private List<int> Leaders()
    {
        var max = Counts.Length == 0 ? 0 : Counts.Max();
        if (max == 0) return [];
        var leaders = new List<int>();
        for (var i = 0; i < Counts.Length; i++) if (Counts[i] == max) leaders.Add(i);
        return leaders;
    }
}
