using System.Security.Cryptography;
using System.Text;

namespace LiveInteract.Server.Tests.Service;

/// <summary>A shared server with two service API keys configured by their SHA-256 only, as an operator would.</summary>
public sealed class ServiceApiFixture() : LiveServerFixture(Settings())
{
    public const string BackendKey = "backend-key-7f3c9e1a52d84b6f9a0e4c2d8b7a6f51";
    public const string RotatedKey = "rotated-key-0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e";

    public static string Sha256Hex(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static Dictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["ServiceApi:Keys:1:Name"] = "rotation",
        ["ServiceApi:Keys:1:Sha256"] = Sha256Hex(RotatedKey).ToUpperInvariant(),
    }.WithBackendKey();
}
