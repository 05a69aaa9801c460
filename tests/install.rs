//! `make install` works and its results are usable the way C, CMake and Go users consume a
//! library: builds the release library with plain `cargo build --release` (build.rs gives it the
//! SONAME libimagekit.so.<major>; `make` must then find nothing to change), installs it into a
//! temporary prefix (and once more into a DESTDIR staging tree), then builds and runs
//! out-of-tree consumers: C in the build tree, C through pkg-config (shared and static), C
//! through CMake's `find_package(imagekit)` (shared and static imported targets), and an
//! outside Go module using the Go binding with no build tags (pkg-config, shared), and with the
//! `imagekit_pkgconfig` and `imagekit_static` tags. The README's C sample (bindings/c/example.c)
//! is built the same way and run against the local ImageKit-compatible server, so the
//! documented program cannot rot.

#[path = "it/support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::{have, lib_dir, repo_dir, scratch, Mock};

const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The Go binding's module path (bindings/go/go.mod; the choice is explained in its README).
const GO_MODULE: &str = "libimagekit/bindings/go";
const MAJOR: &str = env!("CARGO_PKG_VERSION_MAJOR");

/// Runs `cmd`, failing the test with its output if it fails; returns stdout.
fn run(cmd: &mut Command) -> String {
    let o = cmd.output().unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    assert!(
        o.status.success(),
        "{cmd:?} failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The cargo target directory this test runs from (CARGO_TARGET_DIR or <repo>/target).
fn target_dir() -> PathBuf {
    lib_dir().parent().expect("target dir").to_path_buf()
}

fn make(args: &[&str]) -> Command {
    let mut cmd = Command::new("make");
    cmd.arg("-C")
        .arg(repo_dir())
        .args(args)
        .env("CARGO_TARGET_DIR", target_dir());
    // Make's variables must come from the command line only.
    for v in ["PREFIX", "DESTDIR", "LIBDIR", "INCLUDEDIR", "MAKEFLAGS", "MFLAGS"] {
        cmd.env_remove(v);
    }
    cmd
}

/// The DT_NEEDED and DT_SONAME entries of an ELF file.
fn dynamic_section(file: &Path) -> String {
    run(Command::new("readelf").arg("-d").arg(file))
}

fn pkg_config(prefix: &Path, args: &[&str]) -> Vec<String> {
    let out = run(Command::new("pkg-config")
        .args(args)
        .env("PKG_CONFIG_PATH", prefix.join("lib/pkgconfig"))
        .env_remove("PKG_CONFIG_LIBDIR")
        .env_remove("PKG_CONFIG_SYSROOT_DIR"));
    out.split_whitespace().map(str::to_string).collect()
}

/// A consumer that exercises the header's macros and a few calls; prints "ok <version>".
const CONSUMER_C: &str = r#"
#include <imagekit.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    char want[64];
    snprintf(want, sizeof want, "libimagekit/%s", IK_VERSION_STRING);
    if (strcmp(ik_version(), want) != 0) {
        fprintf(stderr, "ik_version() = %s, header says %s\n", ik_version(), want);
        return 1;
    }
    ik_client *client = NULL;
    char *err = NULL;
    if (ik_client_new("{\"url_endpoint\":\"https://ik.imagekit.io/demo\"}", &client, &err)
            != IK_STATUS_INVALID_ARGUMENT || client != NULL || err == NULL
            || strstr(err, "\"status\":\"invalid_argument\"") == NULL) {
        fprintf(stderr, "a config without keys was not rejected: %s\n", err ? err : "(null)");
        return 1;
    }
    ik_string_free(err);
    ik_status st = ik_client_new("{\"private_key\":\"private_key_test\",\"public_key\":\"public_key_test\","
                                 "\"url_endpoint\":\"https://ik.imagekit.io/demo\"}", &client, &err);
    if (st != IK_STATUS_OK) {
        fprintf(stderr, "ik_client_new: %s: %s\n", ik_status_str(st), err ? err : "(null)");
        ik_string_free(err);
        return 1;
    }
    char *url = NULL;
    st = ik_url(client, "{\"path\":\"/cat.jpg\",\"transformation\":[{\"width\":300}]}", &url);
    if (st != IK_STATUS_OK || strcmp(url, "https://ik.imagekit.io/demo/tr:w-300/cat.jpg") != 0) {
        fprintf(stderr, "ik_url: %s: %s\n", ik_status_str(st), url ? url : "(null)");
        return 1;
    }
    ik_string_free(url);
    ik_client_free(client);
    printf("ok %s %d\n", ik_version(), IK_VERSION_NUMBER);
    return 0;
}
"#;

const CMAKE_LISTS: &str = r#"
cmake_minimum_required(VERSION 3.16)
project(imagekit_consumer C)
find_package(imagekit @VERSION@ REQUIRED)
add_executable(consumer_shared main.c)
target_link_libraries(consumer_shared PRIVATE imagekit::imagekit)
add_executable(consumer_static main.c)
target_link_libraries(consumer_static PRIVATE imagekit::imagekit_static)
"#;

const GO_MAIN: &str = r#"
package main

import (
	"errors"
	"fmt"
	"os"

	imagekit "libimagekit/bindings/go"
)

func main() {
	if _, err := imagekit.New(imagekit.Config{URLEndpoint: "https://ik.imagekit.io/demo"}); !errors.Is(err, imagekit.ErrInvalidArgument) {
		fmt.Fprintln(os.Stderr, "a config without keys was not rejected:", err)
		os.Exit(1)
	}
	c, err := imagekit.New(imagekit.Config{PrivateKey: "private_key_test", PublicKey: "public_key_test",
		URLEndpoint: "https://ik.imagekit.io/demo"})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer c.Close()
	url, err := c.URL(imagekit.URLOptions{Path: "/cat.jpg", Transformation: []imagekit.Step{{imagekit.P("width", 300)}}})
	if err != nil || url != "https://ik.imagekit.io/demo/tr:w-300/cat.jpg" {
		fmt.Fprintln(os.Stderr, "URL:", url, err)
		os.Exit(1)
	}
	fmt.Println("ok", imagekit.Version())
}
"#;

fn expected_output() -> String {
    let parts: Vec<u32> = VERSION.split('.').map(|p| p.parse().unwrap()).collect();
    format!(
        "ok libimagekit/{VERSION} {}\n",
        parts[0] * 10000 + parts[1] * 100 + parts[2]
    )
}

fn assert_links_shared(exe: &Path) {
    let dynamic = dynamic_section(exe);
    assert!(
        dynamic.contains(&format!("Shared library: [libimagekit.so.{MAJOR}]")),
        "{} should need libimagekit.so.{MAJOR}:\n{dynamic}",
        exe.display()
    );
}

fn assert_links_static(exe: &Path) {
    let dynamic = dynamic_section(exe);
    assert!(
        !dynamic.contains("libimagekit"),
        "{} should not need libimagekit:\n{dynamic}",
        exe.display()
    );
}

fn check_installed_tree(root: &Path) {
    let lib = root.join("lib");
    for f in [
        format!("lib/libimagekit.so.{VERSION}"),
        "lib/libimagekit.a".into(),
        "include/imagekit.h".into(),
        "lib/pkgconfig/imagekit.pc".into(),
        "lib/pkgconfig/imagekit-static.pc".into(),
        "lib/cmake/imagekit/imagekit-config.cmake".into(),
        "lib/cmake/imagekit/imagekit-config-version.cmake".into(),
    ] {
        assert!(
            root.join(&f).is_file(),
            "{f} was not installed under {}",
            root.display()
        );
    }
    let link = |name: &str| {
        std::fs::read_link(lib.join(name))
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };
    assert_eq!(
        link(&format!("libimagekit.so.{MAJOR}")),
        format!("libimagekit.so.{VERSION}")
    );
    assert_eq!(link("libimagekit.so"), format!("libimagekit.so.{MAJOR}"));
    let dynamic = dynamic_section(&lib.join(format!("libimagekit.so.{VERSION}")));
    assert!(
        dynamic.contains(&format!("Library soname: [libimagekit.so.{MAJOR}]")),
        "wrong SONAME:\n{dynamic}"
    );
    assert_eq!(
        std::fs::read(root.join("include/imagekit.h")).unwrap(),
        std::fs::read(repo_dir().join("include/imagekit.h")).unwrap(),
        "the installed header differs from include/imagekit.h"
    );
}

#[test]
fn make_install_and_consume() {
    for tool in ["make", "gcc", "pkg-config", "cmake", "readelf"] {
        assert!(
            have(tool),
            "{tool} is not installed (scripts/setup.sh installs it; readelf comes with binutils)"
        );
    }
    let dir = scratch("install");
    let prefix = dir.join("prefix");

    // One artifact however it is built: `cargo build --release` already has the SONAME, and
    // `make` (the same build) leaves it as it is.
    let release = target_dir().join("release");
    run(Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--release", "--lib", "-p", "imagekit"])
        .env("CARGO_TARGET_DIR", target_dir())
        .current_dir(repo_dir()));
    let so = release.join("libimagekit.so");
    let dynamic = dynamic_section(&so);
    assert!(
        dynamic.contains(&format!("Library soname: [libimagekit.so.{MAJOR}]")),
        "cargo build --release gave no SONAME libimagekit.so.{MAJOR}:\n{dynamic}"
    );
    let built = std::fs::read(&so).unwrap();
    run(&mut make(&["build"]));
    assert!(
        std::fs::read(&so).unwrap() == built,
        "`make` rebuilt a different {}",
        so.display()
    );
    in_tree_program(&dir, &release);

    run(make(&["install"]).arg(format!("PREFIX={}", prefix.display())));
    check_installed_tree(&prefix);

    // Staged install for packagers: files land under DESTDIR, the metadata names the real prefix.
    let stage = dir.join("stage");
    run(make(&["install", "PREFIX=/opt/imagekit"]).arg(format!("DESTDIR={}", stage.display())));
    let staged = stage.join("opt/imagekit");
    check_installed_tree(&staged);
    let pc = std::fs::read_to_string(staged.join("lib/pkgconfig/imagekit.pc")).unwrap();
    assert!(
        pc.contains("prefix=/opt/imagekit\n") && !pc.contains(&*stage.to_string_lossy()),
        "{pc}"
    );

    // pkg-config metadata.
    assert_eq!(pkg_config(&prefix, &["--modversion", "imagekit"]), [VERSION]);
    assert_eq!(pkg_config(&prefix, &["--modversion", "imagekit-static"]), [VERSION]);
    let libdir = prefix.join("lib");
    assert_eq!(
        pkg_config(&prefix, &["--libs", "imagekit"]),
        [format!("-L{}", libdir.display()), "-limagekit".into()]
    );

    // C through pkg-config, shared.
    let main_c = dir.join("main.c");
    std::fs::write(&main_c, CONSUMER_C).unwrap();
    let shared_exe = dir.join("consumer_pkgconfig");
    run(Command::new("gcc")
        .args(["-std=c11", "-Wall", "-Wextra", "-Wpedantic", "-Werror"])
        .args(pkg_config(&prefix, &["--cflags", "imagekit"]))
        .arg(&main_c)
        .arg("-o")
        .arg(&shared_exe)
        .args(pkg_config(&prefix, &["--libs", "imagekit"])));
    assert_links_shared(&shared_exe);
    let out = run(Command::new(&shared_exe).env("LD_LIBRARY_PATH", &libdir));
    assert_eq!(out, expected_output());
    // Without the library on the loader's path the program must not silently find another copy.
    let o = Command::new(&shared_exe)
        .env_remove("LD_LIBRARY_PATH")
        .output()
        .unwrap();
    assert!(
        !o.status.success(),
        "found a libimagekit.so.{MAJOR} outside the test prefix"
    );

    // C through pkg-config, static archive.
    let static_exe = dir.join("consumer_static");
    run(Command::new("gcc")
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror"])
        .args(pkg_config(&prefix, &["--cflags", "imagekit-static"]))
        .arg(&main_c)
        .arg("-o")
        .arg(&static_exe)
        .args(pkg_config(&prefix, &["--libs", "imagekit-static"])));
    assert_links_static(&static_exe);
    assert_eq!(run(&mut Command::new(&static_exe)), expected_output());

    // C through CMake, against the relocatable package in the staging tree as well as the prefix.
    for (name, root) in [("cmake-prefix", &prefix), ("cmake-staged", &staged)] {
        let src = dir.join(name).join("src");
        let build = dir.join(name).join("build");
        std::fs::create_dir_all(&src).unwrap();
        std::fs::write(src.join("CMakeLists.txt"), CMAKE_LISTS.replace("@VERSION@", VERSION)).unwrap();
        std::fs::copy(&main_c, src.join("main.c")).unwrap();
        run(Command::new("cmake")
            .arg("-S")
            .arg(&src)
            .arg("-B")
            .arg(&build)
            .arg(format!("-DCMAKE_PREFIX_PATH={}", root.display()))
            .env_remove("CMAKE_PREFIX_PATH"));
        run(Command::new("cmake").arg("--build").arg(&build));
        assert_links_shared(&build.join("consumer_shared"));
        assert_links_static(&build.join("consumer_static"));
        // CMake's build-tree rpath points at the imported library's directory.
        assert_eq!(run(&mut Command::new(build.join("consumer_shared"))), expected_output());
        assert_eq!(run(&mut Command::new(build.join("consumer_static"))), expected_output());
    }

    // The version file refuses an incompatible request.
    let src = dir.join("cmake-version/src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("CMakeLists.txt"), CMAKE_LISTS.replace("@VERSION@", "99.0")).unwrap();
    std::fs::copy(&main_c, src.join("main.c")).unwrap();
    let o = Command::new("cmake")
        .arg("-S")
        .arg(&src)
        .arg("-B")
        .arg(dir.join("cmake-version/build"))
        .arg(format!("-DCMAKE_PREFIX_PATH={}", prefix.display()))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        !o.status.success() && stderr.contains(VERSION),
        "find_package(imagekit 99.0) should fail and report version {VERSION}:\n{stderr}"
    );

    sample_program(&dir, &prefix);
    go_consumers(&dir, &prefix);
}

/// A program linked against the build tree (`-L target/release -Wl,-rpath,...`) needs the
/// library by its SONAME and finds it through the `libimagekit.so.<major>` link build.rs made.
fn in_tree_program(dir: &Path, release: &Path) {
    let link = std::fs::read_link(release.join(format!("libimagekit.so.{MAJOR}")))
        .unwrap_or_else(|e| panic!("no libimagekit.so.{MAJOR} link in {}: {e}", release.display()));
    assert_eq!(link, Path::new("libimagekit.so"));
    let main_c = dir.join("in_tree.c");
    std::fs::write(&main_c, CONSUMER_C).unwrap();
    let exe = dir.join("consumer_in_tree");
    run(Command::new("gcc")
        .args(["-std=c11", "-Wall", "-Wextra", "-Wpedantic", "-Werror"])
        .arg(format!("-I{}", repo_dir().join("include").display()))
        .arg(&main_c)
        .arg("-o")
        .arg(&exe)
        .arg(format!("-L{}", release.display()))
        .arg(format!("-Wl,-rpath,{}", release.display()))
        .arg("-limagekit"));
    assert_links_shared(&exe);
    assert_eq!(run(Command::new(&exe).env_remove("LD_LIBRARY_PATH")), expected_output());
}

/// bindings/c/example.c, built through pkg-config as its header comment says, run against the
/// local server: every step of it must succeed.
fn sample_program(dir: &Path, prefix: &Path) {
    let exe = dir.join("example");
    run(Command::new("gcc")
        .args(["-std=c11", "-Wall", "-Wextra", "-Wpedantic", "-Werror"])
        .arg(repo_dir().join("bindings/c/example.c"))
        .args(pkg_config(prefix, &["--cflags", "--libs", "imagekit"]))
        .arg("-o")
        .arg(&exe));
    let server = Mock::start();
    let mut cmd = Command::new(&exe);
    server.apply_env(&mut cmd);
    cmd.env("LD_LIBRARY_PATH", prefix.join("lib")).current_dir(dir);
    for v in ["IMAGEKIT_PRIVATE_KEY", "IMAGEKIT_PUBLIC_KEY", "IMAGEKIT_URL_ENDPOINT"] {
        cmd.env_remove(v);
    }
    let base_url = cmd
        .get_envs()
        .find(|(k, _)| *k == "IK_TEST_BASE_URL")
        .and_then(|(_, v)| v.map(|v| v.to_os_string()))
        .expect("the server handle exports IK_TEST_BASE_URL");
    cmd.env("IK_BASE_URL", base_url);
    let out = run(&mut cmd);
    for want in [
        "== 1. URL generation ==",
        "tr:h-300,w-400:rt-90/default-image.jpg",
        "files.upload (bytes):",
        "files.delete:",
        "e71bcd6031016b060d349d212e23e85c791decdd",
        "All steps succeeded.",
    ] {
        assert!(out.contains(want), "the sample's output lacks {want:?}:\n{out}");
    }
}

/// An outside Go module (its own go.mod, the binding through `replace`, as bindings/go/README.md
/// tells users) built against the installed library: with no build tags, which is pkg-config
/// and the shared library, with the explicit `imagekit_pkgconfig` tag, and with `imagekit_static`.
fn go_consumers(dir: &Path, prefix: &Path) {
    if !have_go() {
        assert!(
            std::env::var_os("CI").is_none(),
            "`go` is not installed (scripts/setup.sh installs it)"
        );
        eprintln!("SKIPPED: the Go consumer of the installed library (`go` is not installed)");
        return;
    }
    let module = dir.join("go-consumer");
    std::fs::create_dir_all(&module).unwrap();
    let binding = repo_dir().join("bindings/go");
    let go_mod = std::fs::read_to_string(binding.join("go.mod")).unwrap();
    let path = go_mod
        .lines()
        .find_map(|l| l.strip_prefix("module "))
        .expect("module line")
        .trim();
    assert_eq!(
        path, GO_MODULE,
        "bindings/go/go.mod changed its module path; update the docs and this test"
    );
    std::fs::write(
        module.join("go.mod"),
        format!(
            "module consumer\n\ngo 1.22\n\nrequire {path} v0.0.0\n\nreplace {path} => {}\n",
            binding.display()
        ),
    )
    .unwrap();
    std::fs::write(module.join("main.go"), GO_MAIN).unwrap();
    let want = format!("ok libimagekit/{VERSION}\n");
    for (tag, shared) in [("", true), ("imagekit_pkgconfig", true), ("imagekit_static", false)] {
        let name = if tag.is_empty() { "go-default" } else { tag };
        let exe = dir.join(name);
        let mut build = Command::new("go");
        build.arg("build");
        if !tag.is_empty() {
            build.args(["-tags", tag]);
        }
        run(build
            .arg("-o")
            .arg(&exe)
            .arg(".")
            .current_dir(&module)
            .env("PKG_CONFIG_PATH", prefix.join("lib/pkgconfig"))
            .env("CGO_ENABLED", "1")
            .env("GOFLAGS", "-mod=mod")
            .env("GOPROXY", "off")
            .env("GOWORK", "off")
            .env_remove("CGO_CFLAGS")
            .env_remove("CGO_LDFLAGS"));
        let mut cmd = Command::new(&exe);
        if shared {
            assert_links_shared(&exe);
            cmd.env("LD_LIBRARY_PATH", prefix.join("lib"));
        } else {
            assert_links_static(&exe);
        }
        assert_eq!(run(&mut cmd), want, "Go consumer built with tags {tag:?}");
        if shared {
            // It links the installed copy, not this repository's build tree.
            let o = Command::new(&exe).env_remove("LD_LIBRARY_PATH").output().unwrap();
            assert!(
                !o.status.success(),
                "{name} found a libimagekit.so.{MAJOR} outside the test prefix"
            );
        }
    }
}

fn have_go() -> bool {
    Command::new("go")
        .arg("version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}
