package main

// The in-use refusals. Docker counts a plugin as in use while a container holds it (moby's
// refcount); Hangar's daemon holds it for the length of a call through its own endpoint
// POST /hangar/v1/plugins/{name}/call/{Method}. So one call is kept running: goplugin's
// Probe.Dial to a loopback listener whose accept queue is full, where the kernel drops the SYN
// and the dial waits. The plugin must share the host's network namespace (Network.Type host) so
// that its connect shows here in /proc/net/tcp as SYN_SENT: then the call, and the daemon's
// hold, are known to be under way. Closing the listener ends the dial (the next SYN gets a
// reset) and so the call.

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/errdefs"
)

type callResult struct {
	Status int
	Body   string
	Err    error
}

func (l *lifeCycle) inUse() {
	fd, port, err := fullListener()
	if !l.r.add("in-use: listener with a full accept queue", port, err, true, "") {
		return
	}
	defer func() {
		if fd >= 0 {
			syscall.Close(fd)
		}
	}()
	done := make(chan callResult, 1)
	go func() {
		done <- l.hangarCall("Probe.Dial",
			fmt.Sprintf(`{"Addr":"127.0.0.1:%d","TimeoutMs":30000}`, port))
	}()
	started := awaitSynSent(port, 30*time.Second, done)
	if !l.r.add("in-use: Probe.Dial under way (SYN_SENT in /proc/net/tcp)", port, nil, started,
		"the plugin's connect was not seen; is its Network.Type host?") {
		return
	}
	want := "Error response from daemon: plugin " + l.tagged + " is in use"
	err = l.cli.PluginDisable(l.ctx, l.name, types.PluginDisableOptions{})
	l.r.refused("PluginDisable while in use", err, want, "Conflict", errdefs.IsConflict)
	err = l.cli.PluginRemove(l.ctx, l.name, types.PluginRemoveOptions{})
	l.r.refused("PluginRemove while in use", err, want, "Conflict", errdefs.IsConflict)

	syscall.Close(fd)
	fd = -1
	select {
	case res := <-done:
		l.r.add("in-use: Probe.Dial ended", res.Body, res.Err, res.Status == http.StatusOK,
			fmt.Sprintf("status %d", res.Status))
	case <-time.After(60 * time.Second):
		l.r.add("in-use: Probe.Dial ended", nil, nil, false, "no answer within 60s")
	}
}

// hangarCall posts args to Hangar's call endpoint through the Engine client's own HTTP client
// (its transport dials the daemon's socket whatever the URL's host).
func (l *lifeCycle) hangarCall(method, args string) callResult {
	url := "http://hangar/hangar/v1/plugins/" + l.name + "/call/" + method
	req, err := http.NewRequestWithContext(l.ctx, http.MethodPost, url, strings.NewReader(args))
	if err != nil {
		return callResult{Err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := l.cli.HTTPClient().Do(req)
	if err != nil {
		return callResult{Err: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return callResult{Status: resp.StatusCode, Body: string(bytes.TrimSpace(body)), Err: err}
}

// fullListener listens on 127.0.0.1 with a backlog of 1 and never accepts; it connects until a
// connect no longer completes, so the accept queue is full. It returns the socket and its port.
func fullListener() (int, int, error) {
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return -1, 0, err
	}
	fail := func(err error) (int, int, error) {
		syscall.Close(fd)
		return -1, 0, err
	}
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		return fail(err)
	}
	if err := syscall.Listen(fd, 1); err != nil {
		return fail(err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		return fail(err)
	}
	port := sa.(*syscall.SockaddrInet4).Port
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for i := 0; i < 8; i++ {
		c, err := net.DialTimeout("tcp", addr, 500*time.Millisecond)
		if err != nil {
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				return fd, port, nil
			}
			return fail(err)
		}
		// Kept open on purpose: each one fills a place in the queue until the process ends.
		fillers = append(fillers, c)
	}
	return fail(fmt.Errorf("the accept queue of %s never filled", addr))
}

var fillers []net.Conn

// awaitSynSent polls /proc/net/tcp until a socket in SYN_SENT connects to 127.0.0.1:port, the
// call ends first (done is left for the caller), or limit passes.
func awaitSynSent(port int, limit time.Duration, done chan callResult) bool {
	want := fmt.Sprintf("0100007F:%04X", port)
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if synSent(want) {
			return true
		}
		select {
		case res := <-done:
			done <- res
			return false
		case <-time.After(20 * time.Millisecond):
		}
	}
	return false
}

func synSent(remote string) bool {
	f, err := os.Open("/proc/net/tcp")
	if err != nil {
		return false
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		fields := strings.Fields(s.Text())
		// sl local_address rem_address st ...; st 02 is SYN_SENT
		if len(fields) > 3 && fields[2] == remote && fields[3] == "02" {
			return true
		}
	}
	return false
}
