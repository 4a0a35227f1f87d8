using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Privacy;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace LiveInteract.Grains.Privacy;

/// <summary>
/// Export and erase of one user (key = user id), coordinating the grains that store something about them; the rules
/// of what changes are in <see cref="Erasure"/>. No state of its own: the footprint says where to look. docs/PRIVACY.md.
/// </summary>
public sealed class UserPrivacyGrain(
    TimeProvider time,
    IStorageCheckpoint checkpoint,
    ILogger<UserPrivacyGrain> logger) : Grain, IUserPrivacyGrain
{
    private const int LedgerPage = 200;

    private string UserId => this.GetPrimaryKeyString();

    public async Task<UserDataExport> Export()
    {
        var rooms = await Footprint.Rooms();
        var wallet = GrainFactory.GetGrain<IWalletGrain>(UserId);
        var roomData = await Task.WhenAll(rooms.Select(r => GrainFactory.GetGrain<IRoomGrain>(r).ExportUser(UserId)));
        var lives = await Task.WhenAll(rooms.Select(r => GrainFactory.GetGrain<IRoomInsightsGrain>(r).ExportUser(UserId)));
        var windows = lives.SelectMany(l => l.RankingWindows).Distinct(StringComparer.Ordinal).ToArray();
        var rankings = await Task.WhenAll(windows.Select(w => GrainFactory.GetGrain<IRankingGrain>(w).ExportUser(UserId)));
        var creators = lives.Select(l => l.CreatorId).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        var known = await Task.WhenAll(creators.Select(c => GrainFactory.GetGrain<ICreatorInsightsGrain>(c).KnowsViewer(UserId)));
        return new UserDataExport(
            UserId,
            time.GetUtcNow().ToUnixTimeMilliseconds(),
            await wallet.Get(),
            await Ledger(wallet),
            await GrainFactory.GetGrain<ICreatorGrain>(UserId).GetEarnings(),
            [.. roomData.OfType<RoomUserData>()],
            [.. lives.Select(l => l.User).OfType<LiveUserData>()],
            [.. rankings.SelectMany(r => r)],
            await GrainFactory.GetGrain<IRiskGrain>(IRiskGrain.Key).ForUser(UserId),
            new TokenState((await Revocations.GetSince(0)).Users.FirstOrDefault(u => u.UserId == UserId)?.NotBefore ?? 0),
            [.. creators.Where((_, i) => known[i])]);
    }

    public async Task<UserEraseResult> Erase()
    {
        var wallet = GrainFactory.GetGrain<IWalletGrain>(UserId);
        // First the money: refused while gifts are in flight (their dedupe marks carry the id), before anything changed.
        await wallet.Anonymise();
        // No token issued so far works any more, so nothing new arrives under the old id while this runs.
        var notBefore = (await Revocations.Revoke(UserId)).NotBefore;
        var erasure = Erasure.For(UserId);
        var rooms = await Footprint.Rooms();
        var rewritten = await Task.WhenAll(rooms.Select(r => GrainFactory.GetGrain<IRoomGrain>(r).EraseUser(UserId, erasure.Pseudonym)));
        var lives = await Task.WhenAll(rooms.Select(r => GrainFactory.GetGrain<IRoomInsightsGrain>(r).EraseUser(UserId, erasure.Pseudonym)));
        var windows = lives.SelectMany(l => l.RankingWindows).Distinct(StringComparer.Ordinal).ToArray();
        var ranked = await Task.WhenAll(windows.Select(w => GrainFactory.GetGrain<IRankingGrain>(w).EraseUser(UserId, erasure.Pseudonym)));
        // Creators whose history or earnings know the user: from the lives they were in and the gifts they sent.
        var ledger = await Ledger(wallet);
        var creators = lives.Select(l => l.CreatorId)
            .Concat(ledger.Where(e => e.CreatorId is not null).Select(e => e.CreatorId!))
            .Where(c => c.Length > 0 && c != UserId).Distinct(StringComparer.Ordinal).ToArray();
        await Task.WhenAll(creators.Select(c => GrainFactory.GetGrain<ICreatorInsightsGrain>(c).ForgetViewer(UserId)));
        await Task.WhenAll(creators.Select(c => GrainFactory.GetGrain<ICreatorGrain>(c).EraseSender(UserId, erasure.Pseudonym)));
        var flags = await GrainFactory.GetGrain<IRiskGrain>(IRiskGrain.Key).EraseUser(UserId, erasure.Pseudonym);
        await Footprint.Clear();
        try { await checkpoint.Checkpoint(); }
        catch (Exception ex) { logger.LogWarning(ex, "Storage checkpoint after erasing a user failed; the next one drops the old rows"); }
        logger.LogInformation("Erased a user's personal data from {Rooms} rooms, {Events} room events, {Windows} ranking windows and {Flags} risk flags",
            rooms.Count, rewritten.Sum(), ranked.Count(r => r), flags);
        return new UserEraseResult(UserId, time.GetUtcNow().ToUnixTimeMilliseconds(), rooms.Count, rewritten.Sum(),
            lives.Count(l => l.User is not null), ranked.Count(r => r), flags, notBefore);
    }

    private IUserFootprintGrain Footprint => GrainFactory.GetGrain<IUserFootprintGrain>(UserId);

    private ITokenRevocationListGrain Revocations => GrainFactory.GetGrain<ITokenRevocationListGrain>(ITokenRevocationListGrain.Key);

    private static async Task<List<LedgerEntry>> Ledger(IWalletGrain wallet)
    {
        List<LedgerEntry> lines = [];
        for (var offset = 0; ; offset += LedgerPage)
        {
            var page = await wallet.GetLedger(offset, LedgerPage);
            lines.AddRange(page.Entries);
            if (page.Entries.Count < LedgerPage || lines.Count >= page.Total) return lines;
        }
    }
}
