using System.CommandLine;
using System.Net.WebSockets;
using LiveInteract.Cli.Output;
using LiveInteract.Client;
using LiveInteract.Client.Auth;
using LiveInteract.Client.Connection;
using LiveInteract.Client.Errors;

namespace LiveInteract.Cli;

/// <summary>What a command runs with: the server, the user's name, the output mode; and one error policy for all commands.</summary>
internal sealed class CliContext
{
    private CliContext(Uri server, string name, string? token, bool json, HubProtocol protocol)
    {
        Protocol = protocol;
        Token = string.IsNullOrWhiteSpace(token) ? null : token.Trim();
        Server = server;
        Name = name;
        Json = json;
        Out = new JsonOutput(Console.Out);
    }

    public Uri Server { get; }
    public string Name { get; }
    /// <summary>A token given with --token or LIVEINTERACT_TOKEN: the same user across commands (a wallet, a creator's rooms).</summary>
    public string? Token { get; }
    public bool Json { get; }
    /// <summary>The hub protocol (--protocol json|messagepack).</summary>
    public HubProtocol Protocol { get; }
    public JsonOutput Out { get; }

    /// <summary>A client for this server: with <see cref="Token"/> if given, else signed in as a new guest named <see cref="Name"/>.</summary>
    public async Task<LiveClient> SignInAsync(UserRole role, CancellationToken ct)
    {
        var client = new LiveClient(new LiveClientOptions { ServerUrl = Server, Protocol = Protocol });
        try
        {
            if (Token is not null) client.UseToken(Token);
            else await client.SignInAsGuestAsync(Name, role, ct);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a command body: refusals and unreachable servers become one clear line on stderr and exit code 1.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Run(Func<CliContext, ParseResult, CancellationToken, Task<int>> body) =>
        async (parse, ct) =>
        {
            if (!Uri.TryCreate(parse.GetValue(GlobalOptions.Server), UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
                return Fail("--server must be an absolute http(s) address, e.g. http://127.0.0.1:5000");
            if (GlobalOptions.ProtocolNamed(parse.GetValue(GlobalOptions.Protocol)) is not { } protocol)
                return Fail("--protocol must be json or messagepack");
            var context = new CliContext(server, parse.GetValue(GlobalOptions.Name)!, parse.GetValue(GlobalOptions.Token), parse.GetValue(GlobalOptions.Json), protocol);
            try
            {
                return await body(context, parse, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return 130;
            }
            catch (LiveClientException ex)
            {
                return Fail($"the server refused: {ex.Message}");
            }
            catch (HttpRequestException ex)
            {
                return Fail($"cannot reach {server}: {ex.Message}");
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or WebSocketException or ArgumentException)
            {
                return Fail(ex.Message);
            }
            catch (OperationCanceledException ex)
            {
                // Not the user's Ctrl+C: a timeout or an aborted connection. System.CommandLine would turn it into a
                // silent exit 1, which is how `host` once failed with no message; always say what happened.
                return Fail($"an operation was cancelled before it finished ({ex.Message})");
            }
        };

    public static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return 1;
    }
}
