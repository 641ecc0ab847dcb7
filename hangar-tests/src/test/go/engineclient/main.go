// Command engineclient drives a daemon's managed plugins with Docker's Go Engine API client:
// moby's github.com/docker/docker/client (20.10, from Debian's golang-github-docker-docker-dev),
// the library the docker CLI of that release is built on.
//
// Given a plugin package directory (config.json and rootfs/), it runs one life cycle the way
// `docker plugin` does: Ping (API version negotiation), ServerVersion, PluginCreate with a tar of
// the directory made by pkg/archive as `docker plugin create` makes it, PluginList with and
// without filters, PluginInspectWithRaw (by name, ID and ID prefix), PluginSet, PluginEnable,
// Info, PluginDisable and PluginRemove, and the refusals Docker defines on the way (missing
// plugin, existing name, set while enabled, enable twice, remove while enabled, disable twice,
// an unknown filter). With -in-use it also holds the plugin busy through Hangar's call endpoint
// and checks that disable and remove refuse with "is in use" (see inuse.go).
//
// It prints one JSON report on stdout and exits 1 when any check fails, 2 on a usage error.
//
//	engineclient -host unix:///run/hangar.sock -dir PKG [-name gp] [-in-use]
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/docker/docker/client"
	"github.com/docker/docker/pkg/archive"
)

type step struct {
	Call   string      `json:"call"`
	OK     bool        `json:"ok"`
	Result interface{} `json:"result,omitempty"`
	Error  string      `json:"error,omitempty"`
	Check  string      `json:"check,omitempty"`
}

type report struct {
	Client     string `json:"client"`
	Host       string `json:"host"`
	Plugin     string `json:"plugin"`
	APIVersion string `json:"apiVersion"`
	Steps      []step `json:"steps"`
	OK         bool   `json:"ok"`
}

// add records one step: ok when err is nil and cond holds; why says what did not hold.
func (r *report) add(call string, result interface{}, err error, cond bool, why string) bool {
	s := step{Call: call, OK: err == nil && cond, Result: result}
	if err != nil {
		s.Error = err.Error()
		s.Check = "unexpected error"
	} else if !cond {
		s.Check = why
	}
	r.Steps = append(r.Steps, s)
	return s.OK
}

// refused records a step that must fail with exactly the text want and an error of the class
// that isClass tests (named class, for the report).
func (r *report) refused(call string, err error, want, class string, isClass func(error) bool) {
	s := step{Call: call, Result: class}
	switch {
	case err == nil:
		s.Check = "expected the error: " + want
	case err.Error() != want:
		s.Error = err.Error()
		s.Check = "expected the text: " + want
	case !isClass(err):
		s.Error = err.Error()
		s.Check = "expected an error of class " + class
	default:
		s.Error = err.Error()
		s.OK = true
	}
	r.Steps = append(r.Steps, s)
}

func main() {
	host := flag.String("host", "", "daemon address (unix:///abs/path.sock)")
	dir := flag.String("dir", "", "plugin package directory (config.json and rootfs/)")
	name := flag.String("name", "gp", "name to create the plugin under (untagged)")
	inUse := flag.Bool("in-use", false, "also check the in-use refusals (needs Network.Type host)")
	flag.Parse()
	if *host == "" || *dir == "" || strings.Contains(*name, ":") {
		fmt.Fprintln(os.Stderr, "usage: engineclient -host URL -dir PKG [-name NAME] [-in-use]")
		os.Exit(2)
	}
	r := &report{Client: "github.com/docker/docker/client", Host: *host, Plugin: *name}
	cli, err := client.NewClientWithOpts(client.WithHost(*host), client.WithAPIVersionNegotiation())
	if !r.add("NewClientWithOpts", nil, err, true, "") {
		finish(r)
	}
	defer cli.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	abs, err := filepath.Abs(*dir)
	if !r.add("filepath.Abs", abs, err, true, "") {
		finish(r)
	}
	l := &lifeCycle{r: r, cli: cli, ctx: ctx, dir: abs, name: *name, tagged: *name + ":latest"}
	l.run(*inUse)
	r.APIVersion = cli.ClientVersion()
	finish(r)
}

// packageTar is what `docker plugin create` sends: pkg/archive's tar of the directory,
// uncompressed.
func packageTar(dir string) (io.ReadCloser, error) {
	return archive.TarWithOptions(dir, &archive.TarOptions{Compression: archive.Uncompressed})
}

func finish(r *report) {
	r.OK = len(r.Steps) > 0
	for _, s := range r.Steps {
		r.OK = r.OK && s.OK
	}
	out, _ := json.MarshalIndent(r, "", "  ")
	_, _ = io.WriteString(os.Stdout, string(out)+"\n")
	if !r.OK {
		os.Exit(1)
	}
	os.Exit(0)
}
