// Command managed times Hangar's managed plugins from outside, for bench/managed.sh: it talks to
// `hangar daemon` over its API socket as the docker CLI does, to the plugin over the plugin's own
// socket as Docker's plugin client does, and reads what the daemon leaves on disk (the OCI
// bundle's mtime, runc's state, the plugin's log) to say where the time goes. Standard library
// only.
//
//	managed enable  -api SOCK -name NAME -id ID -socket PATH -root ROOT -state DIR -n N [-floor DIR]
//	managed restart -api SOCK -name NAME -id ID -socket PATH -root ROOT -state DIR -n N
//	managed profile -what enable|restart -daemon PID -raw FILE [-perf BIN] (and the same target)
//
// enable: N cycles of disable (not before the first), enable and the first 200 of POST
// /VolumeDriver.List on the plugin's socket, polled every millisecond from the moment the enable
// request is written; with -floor, each cycle after the first also times `runc run` alone on a
// copy of the daemon's own bundle, to the same first 200. restart: N times a fresh enable, a
// SIGKILL of the plugin process, and the time until the call succeeds again. Each prints one
// line per cycle on stderr and its summary lines, prefixed "(a)" or "(b)", on stdout. profile:
// one enable or one kill with the daemon's system calls traced by `perf trace` (profile.go).
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

// target is what one command works on.
type target struct {
	api    string // the daemon's API socket
	name   string // the plugin's name
	id     string // its 64-hex ID
	socket string // its socket on the host: <runtime-dir>/<id12>/<Interface.Socket>
	root   string // the daemon's root (the plugin's files are under <root>/managed/<id>)
	state  string // runc's --root for the daemon's containers
	runc   string // the runc binary
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	var t target
	fs.StringVar(&t.api, "api", "", "the daemon's API socket")
	fs.StringVar(&t.name, "name", "", "the plugin's name")
	fs.StringVar(&t.id, "id", "", "the plugin's ID")
	fs.StringVar(&t.socket, "socket", "", "the plugin's socket on the host")
	fs.StringVar(&t.root, "root", "", "the daemon's root")
	fs.StringVar(&t.state, "state", "", "runc's state dir (--root) for the daemon's containers")
	fs.StringVar(&t.runc, "runc", "runc", "the runc binary")
	n := fs.Int("n", 10, "cycles")
	floor := fs.String("floor", "", "enable: a scratch dir for runc-alone runs (none: skip them)")
	what := fs.String("what", "enable", "profile: enable or restart")
	daemon := fs.Int("daemon", 0, "profile: the daemon's pid")
	perf := fs.String("perf", "perf", "profile: the perf binary")
	raw := fs.String("raw", "", "profile: the file for perf trace's output")
	check(fs.Parse(os.Args[2:]))
	if t.api == "" || t.name == "" || t.id == "" || t.socket == "" || t.root == "" || t.state == "" {
		usage()
	}
	switch os.Args[1] {
	case "enable":
		enableCycles(t, *n, *floor)
	case "restart":
		restartCycles(t, *n)
	case "profile":
		if *daemon == 0 || *raw == "" || (*what != "enable" && *what != "restart") {
			usage()
		}
		profile(t, *what, *daemon, *perf, *raw)
	default:
		usage()
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: managed enable|restart|profile -api SOCK -name NAME -id ID -socket PATH -root ROOT -state DIR [-runc BIN] [-n N] [-floor DIR] [-what enable|restart -daemon PID -raw FILE -perf BIN]")
	os.Exit(2)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "managed:", err)
		os.Exit(1)
	}
}

// ms is d in milliseconds.
func ms(d time.Duration) float64 {
	return float64(d) / float64(time.Millisecond)
}

// since is the time from t0 to t in milliseconds, or -1 when t is zero (not seen).
func since(t0, t time.Time) float64 {
	if t.IsZero() {
		return -1
	}
	return ms(t.Sub(t0))
}
