package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestFlags(t *testing.T) {
	t.Parallel()
	env := func(secret string) func(string) string {
		return func(k string) string {
			if k == "CARACAL_ENGINE_SECRET" {
				return secret
			}
			return ""
		}
	}
	tests := []struct {
		name    string
		args    []string
		secret  string
		wantErr string
	}{
		{"socket", []string{"--socket", "/tmp/x.sock"}, "", ""},
		{"loopback with secret", []string{"--listen", "127.0.0.1:7001"}, "s", ""},
		{"neither", nil, "", "exactly one of"},
		{"both", []string{"--socket", "/tmp/x", "--listen", "127.0.0.1:1"}, "s", "exactly one of"},
		{"tcp without secret", []string{"--listen", "127.0.0.1:7001"}, "", "CARACAL_ENGINE_SECRET"},
		{"public address", []string{"--listen", "0.0.0.0:7001"}, "s", "not a loopback address"},
		{"public allowed", []string{"--listen", "0.0.0.0:7001", "--allow-public"}, "s", ""},
		{"bad deadline", []string{"--socket", "/tmp/x", "--deadline", "0s"}, "", "must be positive"},
		{"unknown flag", []string{"--nope"}, "", "flag provided but not defined"},
		{"all tuning flags", []string{"--socket", "/tmp/x", "--deadline", "250ms", "--cache-entries", "8", "--cache-bytes", "1048576", "--max-trace", "100", "--verbose", "--exit-with-parent"}, "", ""},
		{"stray argument", []string{"--socket", "/tmp/x", "extra"}, "", "unexpected argument"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := parseFlags(tc.args, env(tc.secret), io.Discard)
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("err = %v, want %q", err, tc.wantErr)
			}
		})
	}
}

func TestServesHealthOnASocketAndStops(t *testing.T) {
	t.Parallel()
	sock := filepath.Join(t.TempDir(), "engine.sock")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"--socket", sock}, func(string) string { return "" }, io.Discard) }()
	client := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", sock)
	}}}
	var body []byte
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		resp, err := client.Get("http://engine/health")
		if err != nil {
			continue
		}
		body, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		break
	}
	if string(body) != `{"ok":true}` {
		t.Fatalf("health = %q", body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("engine did not stop")
	}
}

func TestVersionFlag(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"--version"}, func(string) string { return "" }, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "opa=1.") || !strings.Contains(out.String(), "schema=2026-05-20") {
		t.Errorf("version output %q", out.String())
	}
}
