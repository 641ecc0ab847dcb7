package main

// Probe.*: what a test asks the plugin about its own view of the world. Not part of any Docker
// protocol.

import (
	"net"
	"net/http"
	"os"
	"time"
)

type dialRequest struct {
	Addr      string
	TimeoutMs int
}

type dialResponse struct {
	Connected bool
	Error     string
}

type statRequest struct {
	Path string
}

type statResponse struct {
	Exists bool
	IsDir  bool
}

type exitRequest struct {
	Code int
}

func routeProbes(mux *http.ServeMux) {
	handle(mux, "Probe.Env", func(r *struct{}) (interface{}, error) {
		return map[string][]string{"Env": os.Environ()}, nil
	})
	handle(mux, "Probe.Args", func(r *struct{}) (interface{}, error) {
		return map[string][]string{"Args": os.Args}, nil
	})
	handle(mux, "Probe.Dial", func(r *dialRequest) (interface{}, error) {
		timeout := time.Duration(r.TimeoutMs) * time.Millisecond
		if timeout <= 0 {
			timeout = 2 * time.Second
		}
		c, err := net.DialTimeout("tcp", r.Addr, timeout)
		if err != nil {
			return &dialResponse{Error: err.Error()}, nil
		}
		c.Close()
		return &dialResponse{Connected: true}, nil
	})
	handle(mux, "Probe.Stat", func(r *statRequest) (interface{}, error) {
		fi, err := os.Stat(r.Path)
		if err != nil {
			return &statResponse{}, nil
		}
		return &statResponse{Exists: true, IsDir: fi.IsDir()}, nil
	})
	// Probe.Exit answers first, then exits with the code asked for: a crash, seen from outside.
	mux.HandleFunc("/Probe.Exit", func(w http.ResponseWriter, r *http.Request) {
		req := &exitRequest{}
		if !decode(w, r, req) {
			return
		}
		// A length, not chunks: the reply is complete once flushed, before the process ends.
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Content-Length", "3")
		w.Header().Set("Connection", "close")
		_, _ = w.Write([]byte("{}\n"))
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		os.Stderr.WriteString("goplugin: exiting as Probe.Exit asked\n")
		os.Exit(req.Code)
	})
}
