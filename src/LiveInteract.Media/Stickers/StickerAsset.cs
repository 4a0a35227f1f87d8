using OpenCvSharp;

namespace LiveInteract.Media.Stickers;

/// <summary>A drawn sticker: a BGRA image (alpha 0 = transparent) and how it sits on a face.</summary>
internal sealed record StickerAsset(string Name, Mat Bgra, StickerPlacement Placement);
