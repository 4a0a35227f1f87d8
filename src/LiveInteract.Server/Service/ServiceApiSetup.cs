using Microsoft.AspNetCore.Authentication;

namespace LiveInteract.Server.Service;

public static class ServiceApiSetup
{
    /// <summary>Adds the API key scheme and the <see cref="ServiceApi.Policy"/> policy (call after AddLiveInteractAuth).</summary>
    public static WebApplicationBuilder AddServiceApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ServiceApiOptions>().BindConfiguration(ServiceApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ServiceApiKeyHandler>(ServiceApi.Scheme, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ServiceApi.Policy, p => p.AddAuthenticationSchemes(ServiceApi.Scheme).RequireClaim(ServiceApi.KeyNameClaim));
        return builder;
    }
}
