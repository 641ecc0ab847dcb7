// Command govolume is a Docker volume plugin written in Go on net/http, standing in for a plugin
// built with docker/go-plugins-helpers (which is not available here; see sdk.go for exactly what
// of its wire behaviour is reproduced). Volumes are directories under --root.
//
//	govolume --socket /run/docker/plugins/NAME.sock --root DIR   # like the SDK's ServeUnix
//	govolume --tcp 127.0.0.1:0 --spec DIR/NAME.spec --root DIR   # like ServeTCP + its spec file
//
// It prints "listening <address>" on stdout once it accepts connections, and on SIGINT/SIGTERM
// shuts down and removes its socket or spec file.
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

func main() {
	socket := flag.String("socket", "", "unix socket path to listen on")
	tcp := flag.String("tcp", "", "TCP address to listen on, e.g. 127.0.0.1:0")
	spec := flag.String("spec", "", "with --tcp: write tcp://ADDR to this .spec file")
	root := flag.String("root", "", "directory holding the volumes")
	flag.Parse()
	if *root == "" || (*socket == "") == (*tcp == "") {
		fmt.Fprintln(os.Stderr, "usage: govolume (--socket PATH | --tcp ADDR [--spec FILE]) --root DIR")
		os.Exit(2)
	}
	if err := os.MkdirAll(*root, 0o755); err != nil {
		fail(err)
	}
	l, cleanup, err := listen(*socket, *tcp, *spec)
	if err != nil {
		fail(err)
	}
	defer cleanup()

	mux := newMux()
	newDriver(*root).routes(mux)
	srv := &http.Server{Handler: mux}

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		<-stop
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}()

	fmt.Printf("listening %s\n", l.Addr().String())
	if err := srv.Serve(l); err != nil && err != http.ErrServerClosed {
		cleanup()
		fail(err)
	}
}

// listen opens the listener; like the SDK's unix listener it replaces a leftover socket file
// and makes the socket group-accessible (0660).
func listen(socket, tcp, spec string) (net.Listener, func(), error) {
	if socket != "" {
		if err := os.MkdirAll(filepath.Dir(socket), 0o755); err != nil {
			return nil, nil, err
		}
		if err := os.Remove(socket); err != nil && !os.IsNotExist(err) {
			return nil, nil, err
		}
		l, err := net.Listen("unix", socket)
		if err != nil {
			return nil, nil, err
		}
		if err := os.Chmod(socket, 0o660); err != nil {
			l.Close()
			return nil, nil, err
		}
		return l, func() { _ = os.Remove(socket) }, nil
	}
	l, err := net.Listen("tcp", tcp)
	if err != nil {
		return nil, nil, err
	}
	if spec == "" {
		return l, func() {}, nil
	}
	if err := os.MkdirAll(filepath.Dir(spec), 0o755); err != nil {
		l.Close()
		return nil, nil, err
	}
	// The SDK writes the URL without a trailing newline.
	if err := os.WriteFile(spec, []byte("tcp://"+l.Addr().String()), 0o644); err != nil {
		l.Close()
		return nil, nil, err
	}
	return l, func() { _ = os.Remove(spec) }, nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "govolume:", err)
	os.Exit(1)
}
