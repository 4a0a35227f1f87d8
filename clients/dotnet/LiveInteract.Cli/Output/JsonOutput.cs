using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LiveInteract.Cli.Output;

/// <summary>Writes <c>--json</c> output: one document per call, on one line, flushed at once (scripts read it as it comes).</summary>
internal sealed class JsonOutput(TextWriter writer)
{
    private readonly Lock _lock = new();

    public void Write<T>(T value, JsonTypeInfo<T> info)
    {
        var line = JsonSerializer.Serialize(value, info);
        lock (_lock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
