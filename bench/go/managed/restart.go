package main

// (b) a SIGKILL of the plugin process to the first successful call on its socket again.

import (
	"fmt"
	"os"
	"syscall"
	"time"
)

// restartSample is one kill, each time in ms from the SIGKILL.
type restartSample struct {
	Gone      float64 // the plugin process exited (gone or a zombie)
	Bundle    float64 // the new attempt's OCI bundle written (just before `runc run`)
	Created   float64 // runc's new container created
	Started   float64 // the new goplugin's first stdout line read by the daemon
	Listening float64 // its "listening" line read by the daemon
	FirstOK   float64 // the first 200 of VolumeDriver.List again
}

// restartCycles kills the plugin n times, each time the first kill after a fresh enable (the
// supervisor's backoff and exit count start again with each enable).
func restartCycles(t target, n int) {
	a := newAPI(t.api)
	p := newPlugin(t.socket)
	var samples []restartSample
	for i := 0; i < n; i++ {
		if i > 0 {
			a.disable(t.name)
			time.Sleep(100 * time.Millisecond)
			a.enable(t.name)
		}
		time.Sleep(200 * time.Millisecond) // the plugin settled, not just started
		if p.pollList(10*time.Second, nil).IsZero() {
			check(fmt.Errorf("%s does not answer on %s before the kill", t.name, t.socket))
		}
		pid := containerPid(t)
		t0 := time.Now()
		check(syscall.Kill(pid, syscall.SIGKILL))
		var dead time.Time
		for deadline := t0.Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			if gone(pid) {
				dead = time.Now()
				break
			}
		}
		if dead.IsZero() {
			check(fmt.Errorf("pid %d still alive 30 s after SIGKILL", pid))
		}
		firstOK := p.pollList(60*time.Second, nil)
		if firstOK.IsZero() {
			check(fmt.Errorf("%s: no 200 on %s within 60 s of the kill", t.name, t.socket))
		}
		if now := containerPid(t); now == pid {
			check(fmt.Errorf("%s answered, but runc still names the killed pid %d", t.name, pid))
		}
		started, listening := logTimes(t, t0)
		s := restartSample{
			Gone:      since(t0, dead),
			Bundle:    since(t0, bundleWritten(t)),
			Created:   since(t0, containerCreated(t.runc, t.state, t.id)),
			Started:   since(t0, started),
			Listening: since(t0, listening),
			FirstOK:   since(t0, firstOK),
		}
		samples = append(samples, s)
		fmt.Fprintf(os.Stderr, "(b) kill %d: gone %.1f bundle %.1f created %.1f started %.1f listening %.1f first-200 %.1f ms\n",
			i+1, s.Gone, s.Bundle, s.Created, s.Started, s.Listening, s.FirstOK)
	}
	reportDisables("(b)")
	pick := func(f func(restartSample) float64) stats {
		v := make([]float64, len(samples))
		for i, s := range samples {
			v[i] = f(s)
		}
		return summarize(v)
	}
	ok := pick(func(s restartSample) float64 { return s.FirstOK })
	fmt.Printf("(b) SIGKILL of the plugin to serving again (%d kills, each the first after an enable): median %.0f ms (%.0f-%.0f)\n",
		n, ok.median, ok.min, ok.max)
	fmt.Printf("(b) where it goes (medians, ms after the kill): process gone %.1f, new bundle written %.1f, runc created %.1f, plugin started %.1f, listening %.1f, first 200 %.1f\n",
		pick(func(s restartSample) float64 { return s.Gone }).median,
		pick(func(s restartSample) float64 { return s.Bundle }).median,
		pick(func(s restartSample) float64 { return s.Created }).median,
		pick(func(s restartSample) float64 { return s.Started }).median,
		pick(func(s restartSample) float64 { return s.Listening }).median, ok.median)
}
