# libimagekit: build, install and try the C library (GNU make).
#
#   make                                  release build: target/release/libimagekit.{so,a}
#                                         (the same as `cargo build --release`)
#   make install PREFIX=/usr/local DESTDIR=   header, libraries, pkg-config and CMake files
#   make uninstall PREFIX=... DESTDIR=...
#   make sample                           the C sample against a local ImageKit-compatible server
#   make test                             every test of the project (scripts/test.sh)
#   make bench                            side-by-side benchmark vs the official SDKs (bench/run.py, BENCHMARKS.md)
#
# CARGO_TARGET_DIR is honoured; otherwise cargo's default <repo>/target is used.

PREFIX     ?= /usr/local
DESTDIR    ?=
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
CARGO      ?= cargo

TARGET_DIR := $(if $(CARGO_TARGET_DIR),$(abspath $(CARGO_TARGET_DIR)),$(CURDIR)/target)
RELEASE    := $(TARGET_DIR)/release
VERSION    := $(shell sed -n 's/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml | head -n 1)
MAJOR      := $(firstword $(subst ., ,$(VERSION)))
SONAME     := libimagekit.so.$(MAJOR)

export PREFIX DESTDIR LIBDIR INCLUDEDIR

.PHONY: all build install uninstall sample test bench clean

all: build

# Exactly `cargo build --release` of the library: build.rs links the cdylib with the SONAME
# libimagekit.so.<major> and puts a libimagekit.so.<major> link next to it (for programs linked
# in-tree with -L target/release -Wl,-rpath,...), so a plain `cargo build --release` gives the
# same files and `make install` accepts either.
build:
	$(CARGO) build --release --lib -p imagekit

$(RELEASE)/libimagekit.so $(RELEASE)/libimagekit.a:
	$(MAKE) build

# Installs what `make` built; builds first only if nothing was built, so `sudo make install`
# works without a Rust toolchain in root's PATH.
install: $(RELEASE)/libimagekit.so $(RELEASE)/libimagekit.a
	scripts/install.sh $(RELEASE)

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libimagekit.so $(DESTDIR)$(LIBDIR)/$(SONAME) \
	      $(DESTDIR)$(LIBDIR)/libimagekit.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libimagekit.a \
	      $(DESTDIR)$(INCLUDEDIR)/imagekit.h \
	      $(DESTDIR)$(LIBDIR)/pkgconfig/imagekit.pc $(DESTDIR)$(LIBDIR)/pkgconfig/imagekit-static.pc \
	      $(DESTDIR)$(LIBDIR)/cmake/imagekit/imagekit-config.cmake \
	      $(DESTDIR)$(LIBDIR)/cmake/imagekit/imagekit-config-version.cmake
	-rmdir $(DESTDIR)$(LIBDIR)/cmake/imagekit 2>/dev/null

sample:
	scripts/run_sample.sh

test:
	scripts/test.sh

# Installs the official SDKs into bench/.sdk/ (PyPI, npm, Go module proxy), checks every output,
# then prints one table of rates and ratios; only 127.0.0.1 servers. See BENCHMARKS.md.
bench:
	python3 bench/run.py

clean:
	$(CARGO) clean
