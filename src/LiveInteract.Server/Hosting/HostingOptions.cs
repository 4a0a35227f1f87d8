using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Server.Hosting;

/// <summary>How this process runs: profile, where it keeps data, which Orleans ports it takes ("LiveInteract" section).</summary>
public sealed class HostingOptions : IValidatableObject
{
    public const string Section = "LiveInteract";
    public const string Local = "Local";
    public const string Cluster = "Cluster";

    /// <summary>
    /// <c>Local</c> (the default): localhost clustering, grain state in SQLite. <c>Cluster</c>: Redis clustering,
    /// Redis grain storage and reminders; several silos on one or many machines form one cluster.
    /// </summary>
    [Required, RegularExpression("^(Local|Cluster)$", ErrorMessage = "Profile must be Local or Cluster")]
    public string Profile { get; set; } = Local;

    /// <summary>Folder for the SQLite database, the Local signing key and HLS output; absolute after start-up.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    [Range(1, 65535)] public int SiloPort { get; set; } = 11111;
    [Range(1, 65535)] public int GatewayPort { get; set; } = 30000;

    /// <summary>Cluster: StackExchange.Redis configuration string, e.g. <c>redis:6379</c>.</summary>
    public string Redis { get; set; } = "";

    /// <summary>Cluster: the address other silos reach this one at (default: loopback).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Cluster: silos with the same ClusterId form one cluster; ServiceId keys the stored state.</summary>
    public string ClusterId { get; set; } = "liveinteract";
    public string ServiceId { get; set; } = "liveinteract";

    public bool IsCluster => Profile == Cluster;

    public string DatabasePath => Path.Combine(DataDirectory, "liveinteract.db");

    /// <summary>Makes <see cref="DataDirectory"/> absolute (relative paths are taken from the content root).</summary>
    public void ResolvePaths(string contentRoot) => DataDirectory = Path.GetFullPath(DataDirectory, contentRoot);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsCluster) yield break;
        if (string.IsNullOrWhiteSpace(Redis))
            yield return new ValidationResult("LiveInteract:Redis is required in the Cluster profile", [nameof(Redis)]);
        if (!System.Net.IPAddress.TryParse(AdvertisedAddress, out _))
            yield return new ValidationResult("LiveInteract:AdvertisedAddress must be an IP address", [nameof(AdvertisedAddress)]);
    }
}
