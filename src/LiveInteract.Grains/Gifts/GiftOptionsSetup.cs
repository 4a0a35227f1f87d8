using Microsoft.Extensions.Options;

namespace LiveInteract.Grains.Gifts;

/// <summary>Fills in the default catalog and checks what data annotations cannot: the catalog and the battle bounds.</summary>
public sealed class GiftOptionsSetup : IPostConfigureOptions<GiftOptions>, IValidateOptions<GiftOptions>
{
    public const long MaxGiftCoins = 1_000_000;

    public void PostConfigure(string? name, GiftOptions options)
    {
        if (options.Catalog.Count == 0) options.Catalog = [.. GiftOptions.DefaultCatalog];
    }

    public ValidateOptionsResult Validate(string? name, GiftOptions options)
    {
        var failures = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var gift in options.Catalog)
        {
            if (string.IsNullOrWhiteSpace(gift.Id) || string.IsNullOrWhiteSpace(gift.Name)) failures.Add("every gift needs an id and a name");
            else if (!ids.Add(gift.Id)) failures.Add($"gift id '{gift.Id}' appears twice");
            if (gift.Coins is < 1 or > MaxGiftCoins) failures.Add($"gift '{gift.Id}' must cost 1 to {MaxGiftCoins} coins");
        }
        if (options.MinBattleSeconds > options.MaxBattleSeconds
            || options.DefaultBattleSeconds < options.MinBattleSeconds
            || options.DefaultBattleSeconds > options.MaxBattleSeconds)
            failures.Add("battle seconds must satisfy Min <= Default <= Max");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
