package main

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// Wire shapes of the SDK's volume package (volume/api.go).
type createRequest struct {
	Name    string
	Options map[string]string `json:"Opts,omitempty"`
}

type nameRequest struct {
	Name string
}

type mountRequest struct {
	Name string
	ID   string
}

type mountpointResponse struct {
	Mountpoint string
}

type volumeInfo struct {
	Name       string
	Mountpoint string                 `json:",omitempty"`
	CreatedAt  string                 `json:",omitempty"`
	Status     map[string]interface{} `json:",omitempty"`
}

type getResponse struct {
	Volume *volumeInfo
}

type listResponse struct {
	Volumes []*volumeInfo
}

type capability struct {
	Scope string
}

type capabilitiesResponse struct {
	Capabilities capability
}

type volume struct {
	createdAt time.Time
	opts      map[string]string
	mounts    map[string]bool
}

// driver keeps volumes as directories under root, with per-caller mount references.
type driver struct {
	mu      sync.Mutex
	root    string
	volumes map[string]*volume
}

func newDriver(root string) *driver {
	return &driver{root: root, volumes: map[string]*volume{}}
}

func (d *driver) path(name string) string { return filepath.Join(d.root, name) }

func validName(name string) error {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\\\x00") {
		return fmt.Errorf("invalid volume name %q", name)
	}
	return nil
}

func (d *driver) create(r *createRequest) error {
	if err := validName(r.Name); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.volumes[r.Name]; ok {
		return nil // Docker may create twice; the SDK-based drivers treat it as a no-op.
	}
	if err := os.MkdirAll(d.path(r.Name), 0o755); err != nil {
		return err
	}
	d.volumes[r.Name] = &volume{createdAt: time.Now().UTC(), opts: r.Options, mounts: map[string]bool{}}
	return nil
}

func (d *driver) lookup(name string) (*volume, error) {
	v, ok := d.volumes[name]
	if !ok {
		return nil, fmt.Errorf("volume %s not found", name)
	}
	return v, nil
}

func (d *driver) remove(r *nameRequest) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	v, err := d.lookup(r.Name)
	if err != nil {
		return err
	}
	if len(v.mounts) > 0 {
		return fmt.Errorf("volume %s is in use by %d caller(s)", r.Name, len(v.mounts))
	}
	if err := os.RemoveAll(d.path(r.Name)); err != nil {
		return err
	}
	delete(d.volumes, r.Name)
	return nil
}

func (d *driver) info(name string, v *volume) *volumeInfo {
	status := map[string]interface{}{"mounts": len(v.mounts), "driver": "govolume"}
	return &volumeInfo{Name: name, Mountpoint: d.path(name), CreatedAt: v.createdAt.Format(time.RFC3339), Status: status}
}

func (d *driver) get(r *nameRequest) (*getResponse, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	v, err := d.lookup(r.Name)
	if err != nil {
		return nil, err
	}
	return &getResponse{Volume: d.info(r.Name, v)}, nil
}

func (d *driver) list() (*listResponse, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	names := make([]string, 0, len(d.volumes))
	for n := range d.volumes {
		names = append(names, n)
	}
	sort.Strings(names)
	res := &listResponse{Volumes: []*volumeInfo{}}
	for _, n := range names {
		res.Volumes = append(res.Volumes, &volumeInfo{Name: n, Mountpoint: d.path(n)})
	}
	return res, nil
}

func (d *driver) pathOf(r *nameRequest) (*mountpointResponse, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, err := d.lookup(r.Name); err != nil {
		return nil, err
	}
	return &mountpointResponse{Mountpoint: d.path(r.Name)}, nil
}

func (d *driver) mount(r *mountRequest) (*mountpointResponse, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	v, err := d.lookup(r.Name)
	if err != nil {
		return nil, err
	}
	if r.ID == "" {
		return nil, errors.New("mount needs a caller ID")
	}
	v.mounts[r.ID] = true
	return &mountpointResponse{Mountpoint: d.path(r.Name)}, nil
}

func (d *driver) unmount(r *mountRequest) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	v, err := d.lookup(r.Name)
	if err != nil {
		return err
	}
	if !v.mounts[r.ID] {
		return fmt.Errorf("volume %s is not mounted by %s", r.Name, r.ID)
	}
	delete(v.mounts, r.ID)
	return nil
}

// routes installs the VolumeDriver endpoints the way the SDK's volume handler does.
func (d *driver) routes(mux *http.ServeMux) {
	mux.HandleFunc("/VolumeDriver.Create", func(w http.ResponseWriter, r *http.Request) {
		req := &createRequest{}
		if decodeRequest(w, r, req) {
			reply(w, struct{}{}, d.create(req))
		}
	})
	mux.HandleFunc("/VolumeDriver.Remove", func(w http.ResponseWriter, r *http.Request) {
		req := &nameRequest{}
		if decodeRequest(w, r, req) {
			reply(w, struct{}{}, d.remove(req))
		}
	})
	mux.HandleFunc("/VolumeDriver.Mount", func(w http.ResponseWriter, r *http.Request) {
		req := &mountRequest{}
		if decodeRequest(w, r, req) {
			res, err := d.mount(req)
			reply(w, res, err)
		}
	})
	mux.HandleFunc("/VolumeDriver.Path", func(w http.ResponseWriter, r *http.Request) {
		req := &nameRequest{}
		if decodeRequest(w, r, req) {
			res, err := d.pathOf(req)
			reply(w, res, err)
		}
	})
	mux.HandleFunc("/VolumeDriver.Get", func(w http.ResponseWriter, r *http.Request) {
		req := &nameRequest{}
		if decodeRequest(w, r, req) {
			res, err := d.get(req)
			reply(w, res, err)
		}
	})
	mux.HandleFunc("/VolumeDriver.Unmount", func(w http.ResponseWriter, r *http.Request) {
		req := &mountRequest{}
		if decodeRequest(w, r, req) {
			reply(w, struct{}{}, d.unmount(req))
		}
	})
	mux.HandleFunc("/VolumeDriver.List", func(w http.ResponseWriter, r *http.Request) {
		res, err := d.list()
		reply(w, res, err)
	})
	mux.HandleFunc("/VolumeDriver.Capabilities", func(w http.ResponseWriter, r *http.Request) {
		encodeResponse(w, &capabilitiesResponse{Capabilities: capability{Scope: "local"}}, false)
	})
}
