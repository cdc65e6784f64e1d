package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"caracal.dev/engine/internal/engine"
	"caracal.dev/engine/internal/server"
	"caracal.dev/engine/internal/wire"
)

// config is what the flags and environment say.
type config struct {
	socket      string
	listen      string
	allowPublic bool
	secret      string
	verbose     bool
	withParent  bool
	engine      engine.Config
}

func parseFlags(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	d := engine.DefaultConfig()
	var c config
	fs := flag.NewFlagSet("caracal-engine", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.socket, "socket", "", "listen on this unix socket path")
	fs.StringVar(&c.listen, "listen", "", "listen on this TCP address (127.0.0.1:PORT); needs CARACAL_ENGINE_SECRET")
	fs.BoolVar(&c.allowPublic, "allow-public", false, "allow --listen on a non-loopback address")
	fs.DurationVar(&c.engine.Deadline, "deadline", d.Deadline, "default evaluation deadline")
	fs.IntVar(&c.engine.CacheEntries, "cache-entries", d.CacheEntries, "most bundles kept in the cache")
	fs.Int64Var(&c.engine.CacheBytes, "cache-bytes", d.CacheBytes, "approximate memory bound of the bundle cache")
	fs.IntVar(&c.engine.MaxTrace, "max-trace", d.MaxTrace, "most trace events returned by one evaluation")
	fs.BoolVar(&c.verbose, "verbose", false, "log unexpected request failures to stderr")
	fs.BoolVar(&c.withParent, "exit-with-parent", false, "stop when the process that started the engine dies (Linux)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if (c.socket == "") == (c.listen == "") {
		return c, errors.New("give exactly one of --socket PATH or --listen 127.0.0.1:PORT")
	}
	if c.engine.Deadline <= 0 || c.engine.CacheEntries <= 0 || c.engine.CacheBytes <= 0 || c.engine.MaxTrace <= 0 {
		return c, errors.New("--deadline, --cache-entries, --cache-bytes and --max-trace must be positive")
	}
	if c.listen != "" {
		host, _, err := net.SplitHostPort(c.listen)
		if err != nil {
			return c, fmt.Errorf("--listen %q is not host:port: %v", c.listen, err)
		}
		if ip := net.ParseIP(host); !c.allowPublic && host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return c, fmt.Errorf("--listen %q is not a loopback address; add --allow-public to bind it anyway", c.listen)
		}
		c.secret = getenv("CARACAL_ENGINE_SECRET")
		if c.secret == "" {
			return c, errors.New("--listen needs CARACAL_ENGINE_SECRET in the environment (clients send it as a bearer token)")
		}
	}
	return c, nil
}

func listen(c config) (net.Listener, func(), error) {
	if c.listen != "" {
		l, err := net.Listen("tcp", c.listen)
		return l, func() {}, err
	}
	// A socket left behind by a crashed engine would block the bind.
	if fi, err := os.Lstat(c.socket); err == nil && fi.Mode()&os.ModeSocket != 0 {
		_ = os.Remove(c.socket)
	}
	l, err := net.Listen("unix", c.socket)
	if err != nil {
		return nil, nil, err
	}
	if err := os.Chmod(c.socket, 0o600); err != nil {
		_ = l.Close()
		return nil, nil, err
	}
	return l, func() { _ = os.Remove(c.socket) }, nil
}

// run serves until ctx is cancelled. stdout is unused by the server (logs go
// to stderr) but receives -version output.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	stderr := io.Writer(os.Stderr)
	if len(args) == 1 && (args[0] == "-version" || args[0] == "--version") {
		v := engine.New(engine.DefaultConfig()).Version()
		_, err := fmt.Fprintf(stdout, "caracal-engine opa=%s schema=%s go=%s\n", v.OPAVersion, wire.SchemaVersion, v.GoVersion)
		return err
	}
	c, err := parseFlags(args, getenv, stderr)
	if err != nil {
		return err
	}
	if c.withParent {
		if err := exitWithParent(); err != nil {
			return err
		}
	}
	if getenv("GOGC") == "" {
		// Evaluations allocate many short-lived AST values; collecting less
		// often cut CPU per decision by about a fifth in the batch benchmark,
		// for a few tens of MiB more heap.
		debug.SetGCPercent(400)
	}
	eng := engine.New(c.engine)
	var logw io.Writer
	if c.verbose {
		logw = stderr
	}
	srv := &http.Server{
		Handler:           server.New(eng, server.Options{Secret: c.secret, Log: logw}),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          nil,
	}
	l, cleanup, err := listen(c)
	if err != nil {
		return err
	}
	defer cleanup()
	fmt.Fprintf(stderr, "caracal-engine listening on %s (opa %s, deadline %s, cache %d entries / %d bytes)\n",
		l.Addr().String(), eng.Version().OPAVersion, c.engine.Deadline, c.engine.CacheEntries, c.engine.CacheBytes)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
		return nil
	}
}
