package main

// This file reproduces the wire behaviour of docker/go-plugins-helpers (the official Go plugin
// SDK: sdk/handler.go, sdk/encoder.go, volume/api.go). The SDK itself is not packaged in Debian
// and cannot be fetched here, so this is written from scratch on net/http; it is NOT the
// official SDK. What it reproduces:
//   - routing by http.ServeMux: any HTTP method, unknown paths get Go's "404 page not found";
//   - Plugin.Activate answers the manifest text followed by a newline;
//   - every reply has Content-Type application/vnd.docker.plugins.v1.1+json;
//   - a request body that does not decode gets http.Error(400) with Go's decoder message;
//   - a driver error is a 500 with {"Err":"..."}; success is a 200 with the JSON-encoded reply
//     (json.Encoder, so a trailing newline), {} for calls without a result.

import (
	"encoding/json"
	"fmt"
	"net/http"
)

const contentTypeV11 = "application/vnd.docker.plugins.v1.1+json"

const manifest = `{"Implements": ["VolumeDriver"]}`

type errorResponse struct {
	Err string
}

func newMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/Plugin.Activate", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentTypeV11)
		fmt.Fprintln(w, manifest)
	})
	return mux
}

// decodeRequest decodes the body into req; on failure it answers 400 and returns false.
func decodeRequest(w http.ResponseWriter, r *http.Request, req interface{}) bool {
	if err := json.NewDecoder(r.Body).Decode(req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return false
	}
	return true
}

// encodeResponse writes res as JSON; isErr turns the status into 500.
func encodeResponse(w http.ResponseWriter, res interface{}, isErr bool) {
	w.Header().Set("Content-Type", contentTypeV11)
	if isErr {
		w.WriteHeader(http.StatusInternalServerError)
	}
	_ = json.NewEncoder(w).Encode(res)
}

// reply answers with res, or with the SDK's error response when err is set.
func reply(w http.ResponseWriter, res interface{}, err error) {
	if err != nil {
		encodeResponse(w, &errorResponse{Err: err.Error()}, true)
		return
	}
	encodeResponse(w, res, false)
}
