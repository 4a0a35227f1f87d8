namespace LiveInteract.Server.Hosting;

/// <summary>
/// TLS between silos (and on the gateway) in the Cluster profile ("LiveInteract:Tls"). Every silo presents the
/// configured certificate and accepts a peer only if it presents the same certificate or one listed in
/// <see cref="AllowedThumbprints"/> (for a rotation), so a process that merely reaches the silo port cannot join
/// the cluster or call grains.
/// </summary>
public sealed class SiloTlsOptions
{
    public const string Section = "LiveInteract:Tls";

    /// <summary>Unset: on in Cluster (the Local profile only talks to itself over loopback).</summary>
    public bool? Enabled { get; set; }

    /// <summary>A PKCS#12 (.pfx) file with the certificate and its private key.</summary>
    public string CertificatePath { get; set; } = "";

    public string CertificatePassword { get; set; } = "";

    /// <summary>Further peer certificate thumbprints (SHA-1 hex) accepted, e.g. the next certificate during a rotation.</summary>
    public List<string> AllowedThumbprints { get; set; } = [];
}
