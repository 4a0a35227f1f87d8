namespace LiveInteract.Contracts.Rooms;

/// <summary><c>POST /api/rooms</c> (creators only). A missing title is an empty one.</summary>
public sealed record CreateRoomRequest(string? Title);
