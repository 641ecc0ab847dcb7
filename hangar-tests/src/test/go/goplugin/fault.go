package main

// Fault.*: what the fault-injection tests (SocketPluginSigkillTest, ManagedPluginSigkillTest)
// call while they SIGKILL the plugin. Not part of any Docker protocol.
//
// Fault.Record {"Id","DelayMs"} appends "<Id>\n" to <data>/faults.log with one O_APPEND write
// before it waits DelayMs and answers {"Id","Pid"}: the log outlives a SIGKILL, so a test can
// count how many times each request arrived, across restarts of the plugin.

import (
	"net/http"
	"os"
	"path/filepath"
	"time"
)

type faultRequest struct {
	Id      string
	DelayMs int
}

type faultResponse struct {
	Id  string
	Pid int
}

func routeFaults(mux *http.ServeMux, data string) {
	log := filepath.Join(data, "faults.log")
	handle(mux, "Fault.Record", func(r *faultRequest) (interface{}, error) {
		f, err := os.OpenFile(log, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		_, err = f.Write([]byte(r.Id + "\n"))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
		time.Sleep(time.Duration(r.DelayMs) * time.Millisecond)
		return &faultResponse{Id: r.Id, Pid: os.Getpid()}, nil
	})
}
