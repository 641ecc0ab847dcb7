// Command anchor is the Go side of Hangar's call round-trip benchmark: a net/http plugin server
// and Docker's plugin client doing the same exchange as CallRoundTripBenchmark (POST
// /Bench.Echo with a small JSON object, echoed back after decoding and re-encoding), over a
// unix socket and over TCP, with 1 and 32 concurrent callers.
//
// Two clients are measured against the same in-process server:
//   - "docker": moby's real github.com/docker/docker/pkg/plugins Client (Debian's 20.10 sources),
//     i.e. exactly the transport Docker uses: unix dialer, keep-alive, compression off on unix,
//     Go's default of 2 idle connections per host;
//   - "tuned": plain net/http with moby master's settings (MaxIdleConns 6, IdleConnTimeout 30 s)
//     plus MaxIdleConnsPerHost raised to the caller count, Go's best case for 32 callers.
//
// It prints one JSON array on stdout (one object per client/transport/callers) and exits non-zero
// when a call fails.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/docker/docker/pkg/plugins"
	"github.com/sirupsen/logrus"
)

// echo is the benchmark payload; the Java benchmark sends the same fields.
type echo struct {
	Name string
	Opts map[string]string
	Seq  int64
}

type result struct {
	Client       string  `json:"client"`
	Transport    string  `json:"transport"`
	Callers      int     `json:"callers"`
	Calls        int     `json:"calls"`
	Seconds      float64 `json:"seconds"`
	OpsPerSecond float64 `json:"opsPerSecond"`
	P50Micros    float64 `json:"p50Micros"`
	P99Micros    float64 `json:"p99Micros"`
	MeanMicros   float64 `json:"meanMicros"`
}

// caller does one round trip.
type caller func(seq int64) error

func main() {
	transports := flag.String("transports", "unix,tcp", "comma-separated: unix, tcp")
	clients := flag.String("clients", "docker,tuned", "comma-separated: docker, tuned")
	callerCounts := flag.String("callers", "1,32", "comma-separated concurrent caller counts")
	warmup := flag.Duration("warmup", 2*time.Second, "warm-up time per case")
	measure := flag.Duration("duration", 5*time.Second, "measured time per case")
	serveOnly := flag.String("serve", "", "only run the Go server on this transport (unix or tcp), print its address, wait")
	connect := flag.String("connect", "", "measure against this plugin address instead of the Go server (unix:///p or tcp://h:p)")
	flag.Parse()
	logrus.SetOutput(io.Discard)

	dir, err := os.MkdirTemp("/tmp", "anchor")
	check(err)
	tmpDir = dir
	defer os.RemoveAll(dir)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		<-stop
		os.RemoveAll(dir)
		os.Exit(1)
	}()

	if *serveOnly != "" {
		addr, _ := serve(*serveOnly, dir)
		fmt.Println("listening " + addr)
		select {}
	}
	var results []result
	for _, tr := range split(*transports) {
		addr, stop := *connect, func() {}
		if addr == "" {
			addr, stop = serve(tr, dir)
		} else if !strings.HasPrefix(addr, tr+"://") {
			continue
		}
		for _, cl := range split(*clients) {
			for _, n := range split(*callerCounts) {
				callers, err := strconv.Atoi(n)
				check(err)
				call := newCaller(cl, tr, addr, callers)
				run(call, callers, *warmup)
				r := run(call, callers, *measure)
				r.Client, r.Transport, r.Callers = cl, tr, callers
				results = append(results, r)
				fmt.Fprintf(os.Stderr, "anchor %-6s %-4s %2d callers: p50 %.1f us, p99 %.1f us, %.0f ops/s\n",
					cl, tr, callers, r.P50Micros, r.P99Micros, r.OpsPerSecond)
			}
		}
		stop()
	}
	out, err := json.MarshalIndent(results, "", "  ")
	check(err)
	fmt.Println(string(out))
}

// serve starts the plugin-like server and returns its plugin address.
func serve(transport, dir string) (string, func()) {
	mux := http.NewServeMux()
	mux.HandleFunc("/Plugin.Activate", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.docker.plugins.v1.1+json")
		_, _ = io.WriteString(w, `{"Implements":["Bench"]}`+"\n")
	})
	mux.HandleFunc("/Bench.Echo", func(w http.ResponseWriter, r *http.Request) {
		var req echo
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.docker.plugins.v1.1+json")
		_ = json.NewEncoder(w).Encode(&req)
	})
	var l net.Listener
	var err error
	var addr string
	if transport == "unix" {
		sock := filepath.Join(dir, "anchor.sock")
		l, err = net.Listen("unix", sock)
		addr = "unix://" + sock
	} else {
		l, err = net.Listen("tcp", "127.0.0.1:0")
		if err == nil {
			addr = "tcp://" + l.Addr().String()
		}
	}
	check(err)
	srv := &http.Server{Handler: mux}
	go func() { _ = srv.Serve(l) }()
	return addr, func() { _ = srv.Close() }
}

func newCaller(kind, transport, addr string, callers int) caller {
	req := func(seq int64) echo {
		return echo{Name: "hangar-bench", Opts: map[string]string{"size": "1G", "type": "tmpfs"}, Seq: seq}
	}
	switch kind {
	case "docker":
		c, err := plugins.NewClient(addr, nil)
		check(err)
		check(c.Call("Plugin.Activate", nil, new(plugins.Manifest)))
		return func(seq int64) error {
			var out echo
			if err := c.Call("Bench.Echo", req(seq), &out); err != nil {
				return err
			}
			return verify(out, seq)
		}
	case "tuned":
		hc, base := tunedClient(transport, addr, callers)
		return func(seq int64) error {
			var buf bytes.Buffer
			if err := json.NewEncoder(&buf).Encode(req(seq)); err != nil {
				return err
			}
			hr, err := http.NewRequest(http.MethodPost, base+"/Bench.Echo", &buf)
			if err != nil {
				return err
			}
			hr.Header.Set("Accept", "application/vnd.docker.plugins.v1.2+json")
			resp, err := hc.Do(hr)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("status %d", resp.StatusCode)
			}
			var out echo
			if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
				return err
			}
			return verify(out, seq)
		}
	}
	check(fmt.Errorf("unknown client %q", kind))
	return nil
}

// tunedClient is net/http with moby master's transport settings and enough idle connections.
func tunedClient(transport, addr string, callers int) (*http.Client, string) {
	tr := &http.Transport{MaxIdleConns: 6, IdleConnTimeout: 30 * time.Second, MaxIdleConnsPerHost: callers}
	if callers > tr.MaxIdleConns {
		tr.MaxIdleConns = callers
	}
	if transport == "unix" {
		sock := strings.TrimPrefix(addr, "unix://")
		tr.DisableCompression = true
		d := &net.Dialer{Timeout: 10 * time.Second}
		tr.Dial = func(_, _ string) (net.Conn, error) { return d.Dial("unix", sock) }
		return &http.Client{Transport: tr}, "http://plugin.moby.localhost"
	}
	return &http.Client{Transport: tr}, "http://" + strings.TrimPrefix(addr, "tcp://")
}

func verify(out echo, seq int64) error {
	if out.Seq != seq || out.Name != "hangar-bench" {
		return fmt.Errorf("bad echo %+v for seq %d", out, seq)
	}
	return nil
}

// run drives call from n goroutines for d and returns throughput and latency percentiles.
func run(call caller, n int, d time.Duration) result {
	lat := make([][]int64, n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	start := time.Now()
	deadline := start.Add(d)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			samples := make([]int64, 0, 1<<16)
			for seq := int64(i) << 40; ; seq++ {
				t0 := time.Now()
				if t0.After(deadline) {
					break
				}
				if err := call(seq); err != nil {
					errs <- err
					return
				}
				samples = append(samples, int64(time.Since(t0)))
			}
			lat[i] = samples
		}(i)
	}
	wg.Wait()
	elapsed := time.Since(start)
	select {
	case err := <-errs:
		check(err)
	default:
	}
	var all []int64
	for _, s := range lat {
		all = append(all, s...)
	}
	sort.Slice(all, func(a, b int) bool { return all[a] < all[b] })
	var sum int64
	for _, v := range all {
		sum += v
	}
	r := result{Calls: len(all), Seconds: elapsed.Seconds()}
	if len(all) > 0 {
		r.OpsPerSecond = float64(len(all)) / elapsed.Seconds()
		r.P50Micros = float64(all[len(all)*50/100]) / 1e3
		r.P99Micros = float64(all[len(all)*99/100]) / 1e3
		r.MeanMicros = float64(sum) / float64(len(all)) / 1e3
	}
	return r
}

func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// tmpDir holds the unix socket; removed on every way out.
var tmpDir string

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "anchor:", err)
		if tmpDir != "" {
			os.RemoveAll(tmpDir)
		}
		os.Exit(1)
	}
}
