using LiveInteract.Server.Hosting;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Auth;

/// <summary>Start-up check of <see cref="SigningKeyPolicy"/> in the Cluster profile.</summary>
public sealed class ClusterSigningKeyValidation(IOptions<HostingOptions> hosting) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
        hosting.Value.IsCluster && SigningKeyPolicy.Problem(options.SigningKey) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
}
