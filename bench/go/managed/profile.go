package main

// profile: one enable, or one kill, with the daemon's system calls traced system-wide by
// `perf trace` (kernel tracepoints: the daemon runs unhindered), to say where its time goes:
// the runc processes it spawns, its fsyncs and renames, its connects to the plugin's socket (the
// readiness probe, then Plugin.Activate) and the plugin's exec. The tool marks the start and the
// end with kill(self, 0), which the trace shows too.

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const traced = "connect,execve,fsync,fdatasync,rename,renameat,renameat2,wait4,clone,clone3,vfork,kill"

// line: "  12.345 ( 0.012 ms): comm/tid rest" or "? (  ): comm/tid ... [continued]: rest".
var traceLine = regexp.MustCompile(`^\s*(\?|[0-9.]+) \(\s*([0-9.]*)(?: ms)?\s*\): (.+?)/(\d+) (.*)$`)

// traceResult: the result after the call, "...)   = 0" or "...)) = -1 ENOENT (...)".
var traceResult = regexp.MustCompile(`\)\s+= (.*)$`)

type event struct {
	at   float64
	what string
}

func profile(t target, what string, daemon int, perf, raw string) {
	a := newAPI(t.api)
	p := newPlugin(t.socket)
	a.disable(t.name)
	time.Sleep(200 * time.Millisecond)
	if what == "restart" {
		a.enable(t.name)
		time.Sleep(200 * time.Millisecond)
	}
	cmd := exec.Command(perf, "trace", "-a", "-e", traced, "-o", raw)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGINT} // ends with this tool
	check(cmd.Start())
	time.Sleep(1500 * time.Millisecond) // perf attaches its tracepoints
	self := os.Getpid()
	a.ping()
	if what == "enable" {
		check(syscall.Kill(self, 0))
		a.enable(t.name)
	} else {
		check(syscall.Kill(containerPid(t), syscall.SIGKILL))
		if p.pollList(60*time.Second, nil).IsZero() {
			check(fmt.Errorf("%s: no 200 within 60 s of the kill", t.name))
		}
	}
	check(syscall.Kill(self, 0))
	time.Sleep(200 * time.Millisecond)
	check(cmd.Process.Signal(os.Interrupt))
	_ = cmd.Wait()
	events := parseTrace(raw, daemon, self)
	label := "(a) one enable traced (perf trace; ms after the request)"
	if what == "restart" {
		label = "(b) one kill traced (perf trace; ms after the SIGKILL)"
	}
	reportDisables(label[:3])
	fmt.Printf("%s: %s\n", label, collapse(events))
}

// parseTrace reads perf trace's text: the daemon's threads and every process they (and their
// children) clone are followed; the first kill by this tool is time zero, its last kill the end.
func parseTrace(file string, daemon, self int) []event {
	f, err := os.Open(file)
	check(err)
	defer f.Close()
	tracked := map[int]bool{daemon: true}
	jvm := map[int]bool{daemon: true}
	if ents, err := os.ReadDir(fmt.Sprintf("/proc/%d/task", daemon)); err == nil {
		for _, e := range ents {
			if n, err := strconv.Atoi(e.Name()); err == nil {
				tracked[n], jvm[n] = true, true
			}
		}
	}
	mine := map[int]bool{self: true}
	if ents, err := os.ReadDir("/proc/self/task"); err == nil {
		for _, e := range ents {
			if n, err := strconv.Atoi(e.Name()); err == nil {
				mine[n] = true
			}
		}
	}
	spawned := map[int]bool{} // clones by a JVM thread: threads, and the processes it spawns
	started := map[int]float64{}
	var events []event
	t0, end := -1.0, -1.0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		m := traceLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		tid, _ := strconv.Atoi(m[4])
		comm, rest := strings.TrimSpace(m[3]), m[5]
		at := started[tid]
		if m[1] != "?" {
			at, _ = strconv.ParseFloat(m[1], 64)
			if strings.HasSuffix(strings.TrimSpace(rest), "...") {
				started[tid] = at
				continue // unfinished: its result comes on a [continued] line
			}
			if d, err := strconv.ParseFloat(m[2], 64); err == nil {
				at += d
			}
		}
		rest = strings.TrimPrefix(strings.TrimSpace(rest), "... [continued]: ")
		name := rest
		if i := strings.IndexByte(rest, '('); i >= 0 {
			name = rest[:i]
		}
		result := ""
		if r := traceResult.FindStringSubmatch(rest); r != nil {
			result = strings.TrimSpace(r[1])
		}
		if mine[tid] {
			if name == "kill" && t0 < 0 {
				t0 = at
			} else if name == "kill" {
				end = at
			}
			continue
		}
		if !tracked[tid] {
			continue
		}
		switch name {
		case "clone", "clone3", "vfork":
			if n, err := strconv.Atoi(strings.Fields(result + " x")[0]); err == nil && n > 0 {
				tracked[n] = true
				spawned[n] = spawned[n] || jvm[tid]
			}
		case "execve":
			if !strings.HasPrefix(result, "0") {
				continue
			}
			if spawned[tid] && comm == "runc" {
				events = append(events, event{at, fmt.Sprintf("runc-exec %d", tid)})
			} else if comm == "goplugin" {
				events = append(events, event{at, "plugin exec"})
			}
		case "wait4":
			if n, err := strconv.Atoi(strings.Fields(result + " x")[0]); err == nil && n > 0 && jvm[tid] {
				events = append(events, event{at, fmt.Sprintf("runc-reaped %d", n)})
			}
		case "connect":
			if !jvm[tid] {
				continue
			}
			if strings.HasPrefix(result, "0") {
				events = append(events, event{at, "connect ok"})
			} else {
				events = append(events, event{at, "connect failed"})
			}
		case "fsync", "fdatasync", "rename", "renameat", "renameat2":
			if jvm[tid] {
				events = append(events, event{at, strings.TrimSuffix(strings.TrimSuffix(name, "at2"), "at")})
			}
		}
	}
	if t0 < 0 {
		check(fmt.Errorf("no start marker in %s", file))
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].at < events[j].at })
	// runc processes by order of exec: #1, #2, ...
	order := map[string]int{}
	var out []event
	for _, e := range events {
		if e.at < t0 || (end >= 0 && e.at > end) {
			continue
		}
		if f := strings.Fields(e.what); len(f) == 2 && strings.HasPrefix(f[0], "runc-") {
			if _, ok := order[f[1]]; !ok && f[0] == "runc-reaped" {
				out = append(out, event{e.at - t0, "a runc reaped (its start unseen)"})
				continue // its exec was not seen: before time zero, or by a thread gone since
			}
			if _, ok := order[f[1]]; !ok {
				order[f[1]] = len(order) + 1
			}
			verb := "exec"
			if f[0] == "runc-reaped" {
				verb = "reaped"
			}
			e.what = fmt.Sprintf("runc #%d %s", order[f[1]], verb)
		}
		out = append(out, event{e.at - t0, e.what})
	}
	if end >= 0 {
		out = append(out, event{end - t0, "end"})
	}
	return out
}

// collapse writes the events in order, runs of the same event as "what xN (first-last)".
func collapse(ev []event) string {
	var parts []string
	for i := 0; i < len(ev); {
		j := i
		for j+1 < len(ev) && ev[j+1].what == ev[i].what {
			j++
		}
		if j == i {
			parts = append(parts, fmt.Sprintf("%s %.1f", ev[i].what, ev[i].at))
		} else {
			parts = append(parts, fmt.Sprintf("%s x%d (%.1f-%.1f)", ev[i].what, j-i+1, ev[i].at, ev[j].at))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
