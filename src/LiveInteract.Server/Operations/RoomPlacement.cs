namespace LiveInteract.Server.Operations;

/// <summary>
/// Where a room runs, as seen from the silo that answered: the silo holding the room grain's activation (null when it
/// is not active anywhere), and whether the answering silo runs the room's video pipeline.
/// </summary>
/// <param name="RoomId">The room.</param>
/// <param name="GrainSilo">Orleans address of the silo with the room grain (<c>ip:port@generation</c>), or null.</param>
/// <param name="GrainSiloPort">That silo's Orleans silo port, or null.</param>
/// <param name="AnsweredBy">Orleans address of the silo that answered.</param>
/// <param name="VideoHere">True when the room's ingest and pipeline run on the silo that answered.</param>
public sealed record RoomPlacement(string RoomId, string? GrainSilo, int? GrainSiloPort, string AnsweredBy, bool VideoHere);
