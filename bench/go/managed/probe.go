package main

// What the commands look at: the daemon's API, the plugin's socket, the plugin process, and the
// traces an attempt leaves on disk.

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// unixClient is an HTTP client whose every connection goes to the unix socket at path.
func unixClient(path string, keepAlive bool, timeout time.Duration) *http.Client {
	d := net.Dialer{Timeout: timeout}
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
				return d.DialContext(ctx, "unix", path)
			},
			DisableKeepAlives:  !keepAlive,
			DisableCompression: true,
		},
	}
}

// api is a client of the daemon's Engine API, like the docker CLI's (one kept-alive connection).
type api struct {
	c *http.Client
}

func newAPI(socket string) *api {
	return &api{c: unixClient(socket, true, 60*time.Second)}
}

// try sends method path with an empty body to the API (versioned as the docker CLI 28.2 does
// against this daemon); an error unless the status is want.
func (a *api) try(method, path string, want int) error {
	req, err := http.NewRequest(method, "http://api.moby.localhost/v1.41"+path, nil)
	check(err)
	resp, err := a.c.Do(req)
	check(err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, strings.TrimSpace(string(body)))
	}
	return nil
}

// do is try, failing the command on an error.
func (a *api) do(method, path string, want int) { check(a.try(method, path, want)) }

func (a *api) enable(name string) { a.do("POST", "/plugins/"+name+"/enable?timeout=30", 200) }

// failedDisables counts the disables that answered an error and were sent again.
var failedDisables []string

// disable disables the plugin; a failure is recorded, and the disable sent again once after
// 500 ms (the second must succeed). The summary reports every failure.
func (a *api) disable(name string) {
	err := a.try("POST", "/plugins/"+name+"/disable", 200)
	if err == nil {
		return
	}
	fmt.Fprintln(os.Stderr, "managed: disable failed, sending it again in 500 ms:", err)
	failedDisables = append(failedDisables, err.Error())
	time.Sleep(500 * time.Millisecond)
	a.do("POST", "/plugins/"+name+"/disable", 200)
}

// reportDisables prints a summary line about failed disables, if any.
func reportDisables(part string) {
	if len(failedDisables) > 0 {
		fmt.Printf("%s NOTE: %d disable(s) answered an error and succeeded when sent again; the first: %s\n",
			part, len(failedDisables), failedDisables[0])
	}
}

// ping warms the API connection up (the docker CLI pings before every command, too).
func (a *api) ping() { a.do("GET", "/_ping", 200) }

// plugin calls the plugin on its socket, a new connection per call, as a poller must (the
// socket does not exist yet when it starts).
type plugin struct {
	c *http.Client
}

func newPlugin(socket string) *plugin {
	return &plugin{c: unixClient(socket, false, 5*time.Second)}
}

// list is whether POST /VolumeDriver.List answers 200 now.
func (p *plugin) list() bool {
	req, err := http.NewRequest("POST", "http://plugin.moby.localhost/VolumeDriver.List", strings.NewReader("{}"))
	check(err)
	req.Header.Set("Accept", "application/vnd.docker.plugins.v1.2+json")
	resp, err := p.c.Do(req)
	if err != nil {
		return false
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode == 200
}

// pollList calls list every millisecond until it answers 200 or limit passes; the time of the
// first 200 (zero when none). ok, if set, must also hold before a 200 counts.
func (p *plugin) pollList(limit time.Duration, ok func() bool) time.Time {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if (ok == nil || ok()) && p.list() {
			return time.Now()
		}
		time.Sleep(time.Millisecond)
	}
	return time.Time{}
}

// containerPid is the host pid of the container id, from `runc --root state state id`.
func containerPid(t target) int {
	var s struct {
		Pid int `json:"pid"`
	}
	out, err := exec.Command(t.runc, "--root", t.state, "state", t.id).Output()
	check(err)
	check(json.Unmarshal(out, &s))
	return s.Pid
}

// containerCreated is runc's "created" time of container id under state (zero when not known).
func containerCreated(runc, state, id string) time.Time {
	var s struct {
		Created time.Time `json:"created"`
	}
	out, err := exec.Command(runc, "--root", state, "state", id).Output()
	if err != nil || json.Unmarshal(out, &s) != nil {
		return time.Time{}
	}
	return s.Created
}

// gone is whether pid has exited: no such process, or a zombie waiting for its parent.
func gone(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i < 0 || i+2 >= len(s) || s[i+2] == 'Z' || s[i+2] == 'X'
}

// bundleWritten is the mtime of the daemon's OCI bundle for the plugin: Hangar writes it last,
// just before it starts `runc run` (zero when missing).
func bundleWritten(t target) time.Time {
	fi, err := os.Stat(filepath.Join(t.root, "managed", t.id, "bundle", "config.json"))
	if err != nil {
		return time.Time{}
	}
	return fi.ModTime()
}

// logTimes are the daemon's times of goplugin's first "started" and "listening" lines on stdout
// at or after t0 in the plugin's log (Docker's json-file format; the time is when the daemon read
// the line from the pipe).
func logTimes(t target, t0 time.Time) (started, listening time.Time) {
	f, err := os.Open(filepath.Join(t.root, "managed", t.id, "logs", "plugin.log"))
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		var e struct {
			Log    string    `json:"log"`
			Stream string    `json:"stream"`
			Time   time.Time `json:"time"`
		}
		if json.Unmarshal(sc.Bytes(), &e) != nil || e.Time.Before(t0) {
			continue
		}
		switch {
		case started.IsZero() && strings.HasPrefix(e.Log, "goplugin started"):
			started = e.Time
		case listening.IsZero() && strings.HasPrefix(e.Log, "goplugin listening"):
			listening = e.Time
		}
	}
	return
}
