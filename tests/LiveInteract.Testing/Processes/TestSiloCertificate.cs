using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LiveInteract.Testing;

/// <summary>
/// The cluster certificate of the test silos: self-signed, made once per test run with CertificateRequest and written
/// as a .pfx, as an operator would make one with openssl. Silos pin each other by its thumbprint.
/// </summary>
public static class TestSiloCertificate
{
    public const string Password = "test-silo-pfx";

    private static readonly Lazy<string> File = new(Create);

    public static string PfxPath => File.Value;

    private static string Create()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=liveinteract-test-silo", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false)); // server and client auth
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        var path = Path.Combine(Path.GetTempPath(), $"li-silo-{Guid.NewGuid():N}.pfx");
        System.IO.File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }
}
