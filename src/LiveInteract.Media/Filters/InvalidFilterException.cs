using LiveInteract.Contracts.Errors;

namespace LiveInteract.Media.Filters;

/// <summary>
/// A filter chain was refused: unknown kind, unknown option, or an option value out of range.
/// The message is short and safe to show to the creator who sent it.
/// </summary>
public sealed class InvalidFilterException : ArgumentException
{
    public InvalidFilterException()
    {
    }

    public InvalidFilterException(string message)
        : base(message)
    {
    }

    public InvalidFilterException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception for filter number <paramref name="index"/> (0-based) in the chain.</summary>
    public InvalidFilterException(int index, string? kind, string? option, string message)
        : base(message)
    {
        Index = index;
        Kind = kind;
        Option = option;
    }

    /// <summary>Position of the offending filter in the chain, or -1 when the chain as a whole is wrong.</summary>
    public int Index { get; } = -1;

    /// <summary>The offending filter's kind, when known.</summary>
    public string? Kind { get; }

    /// <summary>The offending option name, when the problem is one option.</summary>
    public string? Option { get; }

    /// <summary>The same refusal as the project's client-facing error (hub and REST turn it into a 400).</summary>
    public LiveInteractException ToLiveInteractException() => new(ErrorCodes.BadRequest, Message);
}
