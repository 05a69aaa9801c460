#!/usr/bin/env bash
# Installs an already-built libimagekit: the shared library with its SONAME links, the static
# archive, the header, pkg-config files and a CMake package. `make install` calls this after
# `make` or `cargo build --release` (the same build: build.rs sets the SONAME).
#
# Usage: scripts/install.sh [BUILD_DIR]
#   BUILD_DIR   holds libimagekit.so (linked with SONAME libimagekit.so.<major>) and libimagekit.a;
#               default: $CARGO_TARGET_DIR/release, else <repo>/target/release.
# Environment (autotools names):
#   PREFIX      installation prefix written into the pkg-config files   (default /usr/local)
#   DESTDIR     staging root prepended to every installed path           (default empty)
#   LIBDIR      library directory                                          (default $PREFIX/lib)
#   INCLUDEDIR  header directory                                           (default $PREFIX/include)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-${CARGO_TARGET_DIR:-$repo/target}/release}
PREFIX=${PREFIX:-/usr/local}
PREFIX=${PREFIX%/}
[ -n "$PREFIX" ] || PREFIX=/
DESTDIR=${DESTDIR:-}
LIBDIR=${LIBDIR:-$PREFIX/lib}
INCLUDEDIR=${INCLUDEDIR:-$PREFIX/include}
NATIVE_LIBS="-lpthread -ldl -lm"

die() { echo "install.sh: $*" >&2; exit 1; }
case "$PREFIX$LIBDIR$INCLUDEDIR" in *@*|*'|'*) die "paths must not contain '@' or '|'" ;; esac
case "$PREFIX" in /*) ;; *) die "PREFIX must be an absolute path (got '$PREFIX')" ;; esac
case "$LIBDIR" in /*) ;; *) die "LIBDIR must be an absolute path (got '$LIBDIR')" ;; esac
case "$INCLUDEDIR" in /*) ;; *) die "INCLUDEDIR must be an absolute path (got '$INCLUDEDIR')" ;; esac

version=$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' "$repo/Cargo.toml" | head -n 1)
[ -n "$version" ] || die "cannot read the version from Cargo.toml"
IFS=. read -r major minor _ <<<"$version"
soname=libimagekit.so.$major

[ -f "$build_dir/libimagekit.so" ] || die "$build_dir/libimagekit.so not found: run 'cargo build --release' (or 'make') first"
[ -f "$build_dir/libimagekit.a" ] || die "$build_dir/libimagekit.a not found: run 'cargo build --release' (or 'make') first"
[ -f "$repo/include/imagekit.h" ] || die "include/imagekit.h not found"
if command -v readelf >/dev/null 2>&1; then
  readelf -d "$build_dir/libimagekit.so" | grep -q "Library soname: \[$soname\]" ||
    die "$build_dir/libimagekit.so was not linked with SONAME $soname (built before build.rs set it?): rebuild it with 'cargo build --release' or 'make'"
fi

# A path as pkg-config should see it: relative to ${prefix} when it lies inside the prefix.
pc_path() {
  case "$1" in
    "$PREFIX") echo '${prefix}' ;;
    "$PREFIX"/*) echo "\${prefix}${1#"$PREFIX"}" ;;
    *) echo "$1" ;;
  esac
}
# The same for the CMake package, relative to the installation prefix it computes at run time.
cmake_path() {
  case "$1" in
    "$PREFIX") echo '${_imagekit_prefix}' ;;
    "$PREFIX"/*) echo "\${_imagekit_prefix}${1#"$PREFIX"}" ;;
    *) echo "$1" ;;
  esac
}
# "../../.." from $LIBDIR/cmake/imagekit up to $PREFIX (only meaningful when LIBDIR is inside PREFIX).
config_to_prefix() {
  local rel=${LIBDIR#"$PREFIX"} up=".."
  rel=${rel#/}
  local IFS=/
  for _ in $rel cmake; do up="$up/.."; done
  echo "$up"
}
sizeof_void_p=$(getconf LONG_BIT 2>/dev/null || echo 64)
sizeof_void_p=$((sizeof_void_p / 8))

render() { # template output
  sed -e "s|@PREFIX@|$PREFIX|g" \
      -e "s|@LIBDIR@|$(pc_path "$LIBDIR")|g" \
      -e "s|@INCLUDEDIR@|$(pc_path "$INCLUDEDIR")|g" \
      -e "s|@CMAKE_LIBDIR@|$(cmake_path "$LIBDIR")|g" \
      -e "s|@CMAKE_INCLUDEDIR@|$(cmake_path "$INCLUDEDIR")|g" \
      -e "s|@CONFIG_TO_PREFIX@|$(config_to_prefix)|g" \
      -e "s|@VERSION@|$version|g" \
      -e "s|@VERSION_MAJOR@|$major|g" \
      -e "s|@VERSION_MINOR@|$minor|g" \
      -e "s|@SOVERSION@|$major|g" \
      -e "s|@SIZEOF_VOID_P@|$sizeof_void_p|g" \
      -e "s|@NATIVE_LIBS@|$NATIVE_LIBS|g" \
      "$repo/packaging/$1" >"$2"
  chmod 644 "$2"
}

lib=$DESTDIR$LIBDIR
inc=$DESTDIR$INCLUDEDIR
install -d "$lib" "$inc" "$lib/pkgconfig" "$lib/cmake/imagekit"
install -m 755 "$build_dir/libimagekit.so" "$lib/libimagekit.so.$version"
ln -sfn "libimagekit.so.$version" "$lib/$soname"
ln -sfn "$soname" "$lib/libimagekit.so"
install -m 644 "$build_dir/libimagekit.a" "$lib/libimagekit.a"
install -m 644 "$repo/include/imagekit.h" "$inc/imagekit.h"
render imagekit.pc.in "$lib/pkgconfig/imagekit.pc"
render imagekit-static.pc.in "$lib/pkgconfig/imagekit-static.pc"
render imagekit-config.cmake.in "$lib/cmake/imagekit/imagekit-config.cmake"
render imagekit-config-version.cmake.in "$lib/cmake/imagekit/imagekit-config-version.cmake"

echo "installed libimagekit $version into ${DESTDIR}${PREFIX}:"
for f in "$lib/libimagekit.so.$version" "$lib/$soname" "$lib/libimagekit.so" "$lib/libimagekit.a" \
         "$inc/imagekit.h" "$lib/pkgconfig/imagekit.pc" "$lib/pkgconfig/imagekit-static.pc" \
         "$lib/cmake/imagekit/imagekit-config.cmake" "$lib/cmake/imagekit/imagekit-config-version.cmake"; do
  echo "  $f"
done
# Refresh the loader's cache for a real (not staged) install as root. Plain `ldconfig` only
# rescans the configured directories; an unconfigured prefix is left to rpath/LD_LIBRARY_PATH.
if [ -z "$DESTDIR" ] && [ "$(id -u)" = 0 ] && command -v ldconfig >/dev/null 2>&1; then
  ldconfig 2>/dev/null || true
fi
