package imagekit

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The local ImageKit-compatible server for the network tests, started on first use:
//   - IK_TEST_BASE_URL set: that server is used as is;
//   - otherwise the ik-mock-server binary from IK_MOCK_SERVER_BIN, or else built with
//     `cargo build -p ik-mock-server` (into CARGO_TARGET_DIR or <repo>/target), is started on a
//     free port and its IK_MOCK_URL line read from its stdout.
var mock struct {
	once  sync.Once
	url   string
	err   error
	cmd   *exec.Cmd
	stdin io.WriteCloser
}

func TestMain(m *testing.M) {
	code := m.Run()
	if mock.cmd != nil {
		mock.stdin.Close() // --exit-on-stdin-eof; also ends it if this process dies
		done := make(chan struct{})
		go func() { mock.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			mock.cmd.Process.Kill()
			<-done
		}
	}
	os.Exit(code)
}

// mockURL is the server's base URL; the test fails if it cannot be started.
func mockURL(t testing.TB) string {
	t.Helper()
	mock.once.Do(func() { mock.url, mock.err = startMock() })
	if mock.err != nil {
		t.Fatalf("local ImageKit server: %v", mock.err)
	}
	return mock.url
}

func startMock() (string, error) {
	if u := os.Getenv("IK_TEST_BASE_URL"); u != "" {
		return u, nil
	}
	bin := os.Getenv("IK_MOCK_SERVER_BIN")
	if bin == "" {
		var err error
		if bin, err = buildMock(); err != nil {
			return "", err
		}
	}
	cmd := exec.Command(bin, "--no-tls", "--exit-on-stdin-eof")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return "", err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("starting %s: %w", bin, err)
	}
	mock.cmd, mock.stdin = cmd, stdin
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "IK_MOCK_URL="); ok {
				found <- u
			}
		}
		close(found)
	}()
	select {
	case u, ok := <-found:
		if !ok {
			return "", fmt.Errorf("%s exited without printing IK_MOCK_URL", bin)
		}
		return u, nil
	case <-time.After(30 * time.Second):
		return "", fmt.Errorf("%s printed no IK_MOCK_URL within 30s", bin)
	}
}

// buildMock builds ik-mock-server with cargo and returns the binary's path.
func buildMock() (string, error) {
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return "", err
	}
	target := os.Getenv("CARGO_TARGET_DIR")
	if target == "" {
		target = filepath.Join(repo, "target")
	} else if !filepath.IsAbs(target) {
		target = filepath.Join(repo, target)
	}
	cmd := exec.Command("cargo", "build", "--quiet", "-p", "ik-mock-server", "--bin", "ik-mock-server")
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), "CARGO_TARGET_DIR="+target)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("cargo build -p ik-mock-server: %v\n%s", err, out)
	}
	return filepath.Join(target, "debug", "ik-mock-server"), nil
}
