package main

// The plugin side of Docker's plugin protocol as docker/go-plugins-helpers speaks it
// (sdk/handler.go, sdk/encoder.go): any method is routed by path, replies carry Content-Type
// application/vnd.docker.plugins.v1.1+json, a body that does not decode is a 400 with Go's
// decoder message, a driver error is a 500 with {"Err":"..."}, and success is a 200 with a JSON
// body ({} when there is no result). Unknown methods get http.ServeMux's plain-text 404.

import (
	"encoding/json"
	"fmt"
	"net/http"
)

const contentType = "application/vnd.docker.plugins.v1.1+json"

type errorResponse struct {
	Err string
}

func routeActivate(mux *http.ServeMux) {
	mux.HandleFunc("/Plugin.Activate", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		fmt.Fprintln(w, `{"Implements": ["VolumeDriver"]}`)
	})
}

// decode reads the request body into req; on failure it answers 400 and returns false. An empty
// body is accepted as "no arguments".
func decode(w http.ResponseWriter, r *http.Request, req interface{}) bool {
	if r.ContentLength == 0 {
		return true
	}
	if err := json.NewDecoder(r.Body).Decode(req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return false
	}
	return true
}

// reply answers res as JSON, or {"Err": err} with status 500 when err is set.
func reply(w http.ResponseWriter, res interface{}, err error) {
	w.Header().Set("Content-Type", contentType)
	if err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		_ = json.NewEncoder(w).Encode(&errorResponse{Err: err.Error()})
		return
	}
	if res == nil {
		res = struct{}{}
	}
	_ = json.NewEncoder(w).Encode(res)
}

// handle routes method to fn, which gets a fresh *T decoded from the request body.
func handle[T any](mux *http.ServeMux, method string, fn func(req *T) (interface{}, error)) {
	mux.HandleFunc("/"+method, func(w http.ResponseWriter, r *http.Request) {
		req := new(T)
		if !decode(w, r, req) {
			return
		}
		res, err := fn(req)
		reply(w, res, err)
	})
}
