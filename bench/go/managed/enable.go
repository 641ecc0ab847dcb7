package main

// (a) enable to first successful call, and runc run alone on the daemon's own bundle.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// enableSample is one enable, each time in ms from the moment the enable request was sent.
type enableSample struct {
	Bundle    float64 // the OCI bundle written: Hangar's work before `runc run`
	Created   float64 // runc's container created (namespaces, mounts, cgroups set up)
	Started   float64 // goplugin's first stdout line read by the daemon
	Listening float64 // goplugin's "listening" line read by the daemon
	FirstOK   float64 // the first 200 of VolumeDriver.List on the plugin's socket
	Enabled   float64 // the enable request's 200
}

// floorSample is one `runc run` alone, each time in ms from the start of runc.
type floorSample struct {
	Created float64
	Started float64
	FirstOK float64
}

func enableCycles(t target, n int, floorDir string) {
	a := newAPI(t.api)
	p := newPlugin(t.socket)
	var samples []enableSample
	var floors []floorSample
	floorReady := false
	for i := 0; i < n; i++ {
		if i > 0 {
			a.disable(t.name)
			time.Sleep(100 * time.Millisecond) // let the stop's last work end before timing
			if floorReady {
				floors = append(floors, floorRun(t, floorDir))
				time.Sleep(100 * time.Millisecond)
			}
		}
		s := enableOnce(t, a, p)
		samples = append(samples, s)
		fmt.Fprintf(os.Stderr, "(a) cycle %d: bundle %.1f created %.1f started %.1f listening %.1f first-200 %.1f enabled %.1f ms\n",
			i+1, s.Bundle, s.Created, s.Started, s.Listening, s.FirstOK, s.Enabled)
		if i == 0 && floorDir != "" {
			floorBundle(t, floorDir)
			floorReady = true
		}
	}
	reportDisables("(a)")
	first := samples[0]
	fmt.Printf("(a) first enable after the daemon's start: first 200 after %.0f ms, enable answered after %.0f ms\n",
		first.FirstOK, first.Enabled)
	if len(samples) < 2 {
		return
	}
	warm := samples[1:]
	pick := func(f func(enableSample) float64) stats {
		v := make([]float64, len(warm))
		for i, s := range warm {
			v[i] = f(s)
		}
		return summarize(v)
	}
	ok := pick(func(s enableSample) float64 { return s.FirstOK })
	en := pick(func(s enableSample) float64 { return s.Enabled })
	verdict := "met"
	if ok.median >= 150 {
		verdict = "MISSED"
	}
	fmt.Printf("(a) enable to first 200, cycles 2-%d: median %.0f ms (%.0f-%.0f); enable answered %.0f ms (%.0f-%.0f)\n",
		n, ok.median, ok.min, ok.max, en.median, en.min, en.max)
	fmt.Printf("(a) ratio to moby's 500 ms sleep before its first dial: %.2f (enable answered: %.2f); target under 150 ms: %s\n",
		ok.median/500, en.median/500, verdict)
	fmt.Printf("(a) where it goes (medians, ms after the enable request): bundle written %.1f, runc created %.1f, plugin started %.1f, listening %.1f, first 200 %.1f, enable answered %.1f\n",
		pick(func(s enableSample) float64 { return s.Bundle }).median,
		pick(func(s enableSample) float64 { return s.Created }).median,
		pick(func(s enableSample) float64 { return s.Started }).median,
		pick(func(s enableSample) float64 { return s.Listening }).median,
		ok.median, en.median)
	if len(floors) > 0 {
		v := func(f func(floorSample) float64) stats {
			x := make([]float64, len(floors))
			for i, s := range floors {
				x[i] = f(s)
			}
			return summarize(x)
		}
		fo := v(func(s floorSample) float64 { return s.FirstOK })
		fmt.Printf("(a) runc run alone, the same bundle (%d runs, alternating): first 200 median %.0f ms (%.0f-%.0f); runc created %.1f, plugin started %.1f; Hangar adds %.0f ms to it\n",
			len(floors), fo.median, fo.min, fo.max,
			v(func(s floorSample) float64 { return s.Created }).median,
			v(func(s floorSample) float64 { return s.Started }).median, ok.median-fo.median)
	}
}

// enableOnce sends the enable request and polls the plugin's socket meanwhile.
func enableOnce(t target, a *api, p *plugin) enableSample {
	a.ping()
	done := make(chan time.Time, 1)
	t0 := time.Now()
	go func() {
		a.enable(t.name)
		done <- time.Now()
	}()
	firstOK := p.pollList(60*time.Second, nil)
	if firstOK.IsZero() {
		check(fmt.Errorf("%s: no 200 on %s within 60 s of the enable", t.name, t.socket))
	}
	enabled := <-done
	started, listening := logTimes(t, t0)
	return enableSample{
		Bundle:    since(t0, bundleWritten(t)),
		Created:   since(t0, containerCreated(t.runc, t.state, t.id)),
		Started:   since(t0, started),
		Listening: since(t0, listening),
		FirstOK:   since(t0, firstOK),
		Enabled:   since(t0, enabled),
	}
}

// floorBundle copies the daemon's bundle of the enabled plugin into dir/bundle, its socket dir
// mount moved to dir/run.
func floorBundle(t target, dir string) {
	b, err := os.ReadFile(filepath.Join(t.root, "managed", t.id, "bundle", "config.json"))
	check(err)
	var spec map[string]interface{}
	check(json.Unmarshal(b, &spec))
	mounts, _ := spec["mounts"].([]interface{})
	moved := false
	for _, m := range mounts {
		if mm, ok := m.(map[string]interface{}); ok && mm["destination"] == "/run/docker/plugins" {
			mm["source"] = filepath.Join(dir, "run")
			moved = true
		}
	}
	if !moved {
		check(fmt.Errorf("no /run/docker/plugins mount in the bundle of %s", t.name))
	}
	out, err := json.Marshal(spec)
	check(err)
	check(os.MkdirAll(filepath.Join(dir, "bundle"), 0o700))
	check(os.WriteFile(filepath.Join(dir, "bundle", "config.json"), out, 0o600))
}

// floorRun starts `runc run` of the copied bundle as Hangar does (foreground, output on pipes)
// and times it to the first 200; then kills and deletes the container.
func floorRun(t target, dir string) floorSample {
	run := filepath.Join(dir, "run")
	state := filepath.Join(dir, "runc")
	check(os.RemoveAll(run))
	check(os.MkdirAll(run, 0o700))
	const id = "hangar-bench-floor"
	cmd := exec.Command(t.runc, "--root", state, "run", "--bundle", filepath.Join(dir, "bundle"), id)
	stdout, err := cmd.StdoutPipe()
	check(err)
	cmd.Stderr = io.Discard
	started := make(chan time.Time, 1)
	t0 := time.Now()
	check(cmd.Start())
	go func() {
		sc := bufio.NewScanner(stdout)
		seen := false
		for sc.Scan() {
			if !seen && strings.HasPrefix(sc.Text(), "goplugin started") {
				started <- time.Now()
				seen = true
			}
		}
	}()
	firstOK := newPlugin(filepath.Join(run, filepath.Base(t.socket))).pollList(60*time.Second, nil)
	created := containerCreated(t.runc, state, id)
	_ = exec.Command(t.runc, "--root", state, "kill", id, "KILL").Run()
	_ = cmd.Wait()
	_ = exec.Command(t.runc, "--root", state, "delete", "-f", id).Run()
	if firstOK.IsZero() {
		check(fmt.Errorf("runc run alone: no 200 within 60 s"))
	}
	var st time.Time
	select {
	case st = <-started:
	default:
	}
	s := floorSample{Created: since(t0, created), Started: since(t0, st), FirstOK: since(t0, firstOK)}
	fmt.Fprintf(os.Stderr, "(a) runc alone: created %.1f started %.1f first-200 %.1f ms\n", s.Created, s.Started, s.FirstOK)
	return s
}
