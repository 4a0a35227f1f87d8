using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace LiveInteract.Server.Hosting;

/// <summary>Mutual TLS on silo-to-silo and gateway connections (Microsoft.Orleans.Connections.Security).</summary>
public static class SiloTls
{
    public static void Apply(ISiloBuilder silo, SiloTlsOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
            throw new InvalidOperationException(
                "LiveInteract:Tls:CertificatePath is required in the Cluster profile: silos talk TLS to each other. Make one with " +
                "openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj /CN=liveinteract-silo -keyout silo.key -out silo.crt && " +
                "openssl pkcs12 -export -inkey silo.key -in silo.crt -out silo.pfx -passout pass:$PASSWORD " +
                "(or set LiveInteract:Tls:Enabled=false only on a network where nothing else can reach the silo ports)");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException("LiveInteract:Tls:CertificatePath must hold the certificate's private key (a .pfx)");
        var accepted = new HashSet<string>(options.AllowedThumbprints.Select(t => t.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant()))
        {
            certificate.Thumbprint.ToUpperInvariant(),
        };
        silo.UseTls(certificate, tls =>
        {
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.OnAuthenticateAsClient = (_, client) => client.TargetHost = certificate.GetNameInfo(X509NameType.SimpleName, false);
            // Peers are pinned by thumbprint: the cluster certificate is usually self-signed, so chain errors are expected.
            tls.RemoteCertificateValidation = (remote, _, _) => remote is not null && accepted.Contains(remote.Thumbprint.ToUpperInvariant());
        });
    }
}
