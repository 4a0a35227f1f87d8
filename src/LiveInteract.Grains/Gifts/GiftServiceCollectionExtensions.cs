using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveInteract.Grains.Gifts;

public static class GiftServiceCollectionExtensions
{
    /// <summary>The gift catalog and options; <paramref name="configure"/> binds them (e.g. from the "Gifts" section).</summary>
    public static OptionsBuilder<GiftOptions> AddGifts(this IServiceCollection services)
    {
        services.AddSingleton<GiftOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<GiftOptions>>(sp => sp.GetRequiredService<GiftOptionsSetup>());
        services.AddSingleton<IValidateOptions<GiftOptions>>(sp => sp.GetRequiredService<GiftOptionsSetup>());
        services.AddSingleton<GiftCatalog>();
        return services.AddOptions<GiftOptions>().ValidateDataAnnotations();
    }
}
