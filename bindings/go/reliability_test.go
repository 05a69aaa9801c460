package imagekit

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Eight goroutines loop over network calls (list, upload, a 404) on one client while another
// goroutine closes it: every call either succeeds, fails as the server said, or returns
// ErrClosed; nothing races (run under -race) and nothing crashes.
func TestNetworkCallsRaceWithClose(t *testing.T) {
	for round := 0; round < 3; round++ {
		c := networkClient(t)
		ctx := context.Background()
		var wg sync.WaitGroup
		var ok, closed atomic.Int64
		errs := make(chan error, 64)
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for i := 0; ; i++ {
					var err error
					switch i % 3 {
					case 0:
						_, err = c.AssetsList(ctx, ListFilesOptions{Limit: 2})
					case 1:
						_, err = c.UploadBytes(ctx, []byte("race"), UploadOptions{FileName: fmt.Sprintf("r%d-%d.txt", g, i)})
					default:
						_, err = c.FilesGet(ctx, "no-such-file")
						if errors.Is(err, ErrNotFound) {
							err = nil
						}
					}
					switch {
					case errors.Is(err, ErrClosed):
						closed.Add(1)
						return
					case err != nil:
						errs <- err
						return
					default:
						ok.Add(1)
					}
				}
			}(g)
		}
		time.Sleep(time.Duration(50+round*50) * time.Millisecond)
		if err := c.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if closed.Load() != 8 || ok.Load() == 0 {
			t.Errorf("round %d: %d calls succeeded, %d goroutines saw ErrClosed (want 8)", round, ok.Load(), closed.Load())
		}
	}
}
