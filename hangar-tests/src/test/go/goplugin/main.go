// Command goplugin is a managed (v2) Docker volume plugin for Hangar's end-to-end tests: a static
// binary run as /bin/goplugin in a plugin rootfs, as Docker runs plugins. Like a plugin built
// with docker/go-plugins-helpers it listens on /run/docker/plugins/<socket> (the directory the
// daemon bind-mounts from the host) through go-connections' sockets.NewUnixSocket, answers
// Plugin.Activate with {"Implements": ["VolumeDriver"]}, and keeps volumes as directories under
// /data. It also answers Probe.* methods that let a test look at the plugin from inside (its
// environment, its network, its files) and make it crash, and Fault.Record, which logs each
// request's arrival in a file that outlives a SIGKILL.
//
//	goplugin [-socket gp.sock] [-dir /run/docker/plugins] [-data /data]
//
// Environment (besides the flags' GOPLUGIN_SOCKET, GOPLUGIN_SOCKET_DIR, GOPLUGIN_DATA):
//
//	GOPLUGIN_EXIT_AFTER_MS=N  exit with status 3 N ms after start (a crash loop)
//	GOPLUGIN_SERVE_STARTS=K   ... except in the first K starts of this rootfs (counted in
//	                          GOPLUGIN_STATE, default /var/lib/goplugin/starts), so that
//	                          enable succeeds and only the restarts crash
//	GOPLUGIN_NO_LISTEN=1      never create the socket (a plugin that does not start)
//
// At start it prints "goplugin started pid=N" on stdout and "goplugin stderr pid=N" on stderr;
// on SIGTERM or SIGINT it removes its socket and exits 0.
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/docker/go-connections/sockets"
)

func main() {
	socket := flag.String("socket", envOr("GOPLUGIN_SOCKET", "gp.sock"), "socket file name")
	dir := flag.String("dir", envOr("GOPLUGIN_SOCKET_DIR", "/run/docker/plugins"), "socket dir")
	data := flag.String("data", envOr("GOPLUGIN_DATA", "/data"), "directory holding the volumes")
	flag.Parse()

	fmt.Fprintf(os.Stdout, "goplugin started pid=%d args=%q\n", os.Getpid(), os.Args[1:])
	fmt.Fprintf(os.Stderr, "goplugin stderr pid=%d\n", os.Getpid())

	if ms := os.Getenv("GOPLUGIN_EXIT_AFTER_MS"); ms != "" && !servingStart() {
		n, err := strconv.Atoi(ms)
		if err != nil {
			fail(fmt.Errorf("GOPLUGIN_EXIT_AFTER_MS=%q: %v", ms, err))
		}
		time.AfterFunc(time.Duration(n)*time.Millisecond, func() {
			fmt.Fprintf(os.Stderr, "goplugin: exiting after %d ms as asked\n", n)
			os.Exit(3)
		})
	}

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)

	if os.Getenv("GOPLUGIN_NO_LISTEN") == "1" {
		fmt.Fprintln(os.Stdout, "goplugin: GOPLUGIN_NO_LISTEN=1, not listening")
		<-stop
		return
	}

	if err := os.MkdirAll(*data, 0o755); err != nil {
		fail(err)
	}
	path := filepath.Join(*dir, *socket)
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fail(err)
	}
	// What the SDK's ServeUnix does: unlink a leftover file, listen, chown to the group, 0660.
	l, err := sockets.NewUnixSocket(path, 0)
	if err != nil {
		fail(err)
	}

	mux := http.NewServeMux()
	routeActivate(mux)
	newDriver(*data).routes(mux)
	routeProbes(mux)
	routeFaults(mux, *data)
	srv := &http.Server{Handler: mux}

	go func() {
		<-stop
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}()

	fmt.Fprintf(os.Stdout, "goplugin listening %s\n", path)
	if err := srv.Serve(l); err != nil && err != http.ErrServerClosed {
		_ = os.Remove(path)
		fail(err)
	}
	_ = os.Remove(path)
}

// servingStart counts this start in the state file and tells whether it is one of the first
// GOPLUGIN_SERVE_STARTS starts, which serve however GOPLUGIN_EXIT_AFTER_MS is set.
func servingStart() bool {
	keep := os.Getenv("GOPLUGIN_SERVE_STARTS")
	if keep == "" {
		return false
	}
	k, err := strconv.Atoi(keep)
	if err != nil {
		fail(fmt.Errorf("GOPLUGIN_SERVE_STARTS=%q: %v", keep, err))
	}
	dir := envOr("GOPLUGIN_STATE", "/var/lib/goplugin")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fail(err)
	}
	file := filepath.Join(dir, "starts")
	n := 0
	if b, err := os.ReadFile(file); err == nil {
		n, _ = strconv.Atoi(strings.TrimSpace(string(b)))
	} else if !os.IsNotExist(err) {
		fail(err)
	}
	n++
	if err := os.WriteFile(file, []byte(strconv.Itoa(n)+"\n"), 0o644); err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stdout, "goplugin: start %d (the first %d serve)\n", n, k)
	return n <= k
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "goplugin:", err)
	os.Exit(1)
}
