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
        if (!string.IsNullOrEmpty(auth.SigningKey))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(auth.SigningKey);
            if (bytes.Length < 32) throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions), ["Auth:SigningKey must be at least 32 bytes"]);
            return new SymmetricSecurityKey(bytes);
        }
        if (hosting.IsCluster)
            throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions), ["Auth:SigningKey is required in the Cluster profile (every silo must accept every token)"]);
        Directory.CreateDirectory(hosting.DataDirectory);
        var path = Path.Combine(hosting.DataDirectory, "signing.key");
        if (!File.Exists(path))
        {
            var tmp = path + ".tmp";
            File.WriteAllBytes(tmp, RandomNumberGenerator.GetBytes(64));
            File.Move(tmp, path, overwrite: false);
        }
        return new SymmetricSecurityKey(File.ReadAllBytes(path));
    }
}
