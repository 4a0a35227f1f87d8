using System.Security.Cryptography;
using LiveInteract.Server.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LiveInteract.Server.Auth;

/// <summary>
/// The token signing key: the configured one, or in Local a random key made on first start and kept in
/// the data folder, so tokens stay valid across restarts (viewers reconnect after a restart without re-login).
/// </summary>
public sealed class SigningKeyStore(IOptions<AuthOptions> auth, IOptions<HostingOptions> hosting)
{
    private readonly Lazy<SymmetricSecurityKey> _key = new(() => Load(auth.Value, hosting.Value));

    public SymmetricSecurityKey Key => _key.Value;

    private static SymmetricSecurityKey Load(AuthOptions auth, HostingOptions hosting)
    {
        if (hosting.IsCluster && SigningKeyPolicy.Problem(auth.SigningKey) is { } problem)
            throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions), [problem]);
        if (!string.IsNullOrEmpty(auth.SigningKey))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(auth.SigningKey);
            if (bytes.Length < SigningKeyPolicy.MinBytes)
                throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions), [$"Auth:SigningKey must be at least {SigningKeyPolicy.MinBytes} bytes"]);
            return new SymmetricSecurityKey(bytes);
        }
        Directory.CreateDirectory(hosting.DataDirectory);
        var path = Path.Combine(hosting.DataDirectory, "signing.key");
        if (!File.Exists(path))
        {
            // Created readable and writable by its owner only: whoever reads it can forge tokens.
            var tmp = path + ".tmp";
            var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var file = new FileStream(tmp, create)) file.Write(RandomNumberGenerator.GetBytes(64));
            File.Move(tmp, path, overwrite: false);
        }
        else if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            // A key file from an older version (or a careless copy) is tightened on start.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return new SymmetricSecurityKey(File.ReadAllBytes(path));
    }
}
