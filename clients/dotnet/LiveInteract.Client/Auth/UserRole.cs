namespace LiveInteract.Client.Auth;

// The token itself (AuthToken) and the request (TokenRequest) are wire types: LiveInteract.Contracts.Auth.

/// <summary>What a guest asks to be: a viewer, or a creator who may open rooms.</summary>
public enum UserRole
{
    Viewer,
    Creator,
}
