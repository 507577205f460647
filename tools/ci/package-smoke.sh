#!/usr/bin/env bash
# Packs the Vae libraries, restores them from a local folder feed into a fresh console project, and runs it.
# Usage: bash tools/ci/package-smoke.sh   (from anywhere; uses a temporary directory, leaves the repo untouched)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
version="0.1.0-smoke.$(date +%s)"

dotnet pack "$repo/Vae.sln" -c Release -o "$feed" -p:Version="$version" --nologo -v quiet
ls "$feed"/Vae.*.nupkg >/dev/null
for pkg in "$feed"/Vae.*.nupkg; do
  # Every package carries its XML docs, the README and the licence expression. (Listings are captured first:
  # `unzip | grep -q` under pipefail fails at random when grep exits early and unzip gets SIGPIPE.)
  listing="$(unzip -l "$pkg")"
  nuspec="$(unzip -p "$pkg" '*.nuspec')"
  grep -q 'README.md' <<<"$listing" || { echo "package-smoke: $pkg lacks README.md" >&2; exit 1; }
  grep -qE 'lib/net10.0/Vae\.[A-Za-z]+\.xml' <<<"$listing" || { echo "package-smoke: $pkg lacks XML docs" >&2; exit 1; }
  grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || { echo "package-smoke: $pkg lacks licence metadata" >&2; exit 1; }
done

app="$work/app"
mkdir -p "$app"
cat > "$app/nuget.config" <<CFG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local" value="$feed" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="Vae.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
CFG
cat > "$app/app.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
$(for pkg in "$feed"/Vae.*.nupkg; do id=$(basename "$pkg" ".$version.nupkg"); echo "    <PackageReference Include=\"$id\" Version=\"$version\" />"; done)
    <PackageReference Include="libtorch-cpu-linux-x64" Version="2.10.0" />
  </ItemGroup>
</Project>
PROJ
cp "$repo/tools/ci/package-smoke/Program.cs" "$app/Program.cs"
# Vae.Core carries the libstdc++ workaround for TorchSharp's shim as a buildTransitive target.
listing="$(unzip -l "$feed"/Vae.Core.*.nupkg)"
grep -q 'buildTransitive/Vae.Core.targets' <<<"$listing" || { echo "package-smoke: Vae.Core lacks buildTransitive/Vae.Core.targets" >&2; exit 1; }
# ... and the Scalar quarantine (docs/reliability.md) as a linux-x64 native asset.
grep -q 'runtimes/linux-x64/native/libvae_scalar_quarantine.so' <<<"$listing" || { echo "package-smoke: Vae.Core lacks runtimes/linux-x64/native/libvae_scalar_quarantine.so" >&2; exit 1; }
# An isolated cache for the Vae packages (a stale smoke build can never be picked up); the large third-party packages
# (libtorch, ~600 MB) come from the machine's cache through a fallback folder instead of being copied again.
cat > "$app/Directory.Build.props" <<PROPS
<Project><PropertyGroup><RestoreFallbackFolders>${NUGET_PACKAGES:-$HOME/.nuget/packages}</RestoreFallbackFolders></PropertyGroup></Project>
PROPS
dotnet run --project "$app/app.csproj" -c Release --packages "$work/packages" --nologo
echo "package-smoke: OK ($(ls "$feed"/Vae.*.nupkg | wc -l) packages, version $version)"
