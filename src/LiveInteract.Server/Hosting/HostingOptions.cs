using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Server.Hosting;

/// <summary>How this process runs: profile, where it keeps data, which Orleans ports it takes ("LiveInteract" section).</summary>
public sealed class HostingOptions
{
    public const string Section = "LiveInteract";

    /// <summary><c>Local</c> (the default: localhost clustering, SQLite grain state).</summary>
    [Required, RegularExpression("^(Local)$", ErrorMessage = "Profile must be Local")]
    public string Profile { get; set; } = "Local";

    /// <summary>Folder for the SQLite database and the Local signing key.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    [Range(1, 65535)] public int SiloPort { get; set; } = 11111;
    [Range(1, 65535)] public int GatewayPort { get; set; } = 30000;

    public string DatabasePath => Path.Combine(DataDirectory, "liveinteract.db");
}
