package main

// VolumeDriver: volumes are the directories under the data dir, so they outlive a restart of
// the plugin (its rootfs is kept); mount references are per process. Mountpoints are paths
// inside the plugin, which the daemon maps into its rootfs (Docker's ScopedPath).

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

type createRequest struct {
	Name string
	Opts map[string]string
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

type capabilitiesResponse struct {
	Capabilities struct{ Scope string }
}

type driver struct {
	mu     sync.Mutex
	root   string
	mounts map[string]map[string]bool // volume -> caller IDs
}

func newDriver(root string) *driver {
	return &driver{root: root, mounts: map[string]map[string]bool{}}
}

func (d *driver) path(name string) string { return filepath.Join(d.root, name) }

func checkName(name string) error {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\x00") {
		return fmt.Errorf("invalid volume name %q", name)
	}
	return nil
}

// exists fails unless name is a volume.
func (d *driver) exists(name string) error {
	if err := checkName(name); err != nil {
		return err
	}
	if fi, err := os.Stat(d.path(name)); err != nil || !fi.IsDir() {
		return fmt.Errorf("volume %s not found", name)
	}
	return nil
}

func (d *driver) routes(mux *http.ServeMux) {
	handle(mux, "VolumeDriver.Create", func(r *createRequest) (interface{}, error) {
		if err := checkName(r.Name); err != nil {
			return nil, err
		}
		return nil, os.MkdirAll(d.path(r.Name), 0o755)
	})
	handle(mux, "VolumeDriver.Remove", func(r *nameRequest) (interface{}, error) {
		d.mu.Lock()
		defer d.mu.Unlock()
		if err := d.exists(r.Name); err != nil {
			return nil, err
		}
		if n := len(d.mounts[r.Name]); n > 0 {
			return nil, fmt.Errorf("volume %s is in use by %d caller(s)", r.Name, n)
		}
		return nil, os.RemoveAll(d.path(r.Name))
	})
	handle(mux, "VolumeDriver.Mount", func(r *mountRequest) (interface{}, error) {
		d.mu.Lock()
		defer d.mu.Unlock()
		if err := d.exists(r.Name); err != nil {
			return nil, err
		}
		if r.ID == "" {
			return nil, errors.New("mount needs a caller ID")
		}
		if d.mounts[r.Name] == nil {
			d.mounts[r.Name] = map[string]bool{}
		}
		d.mounts[r.Name][r.ID] = true
		return &mountpointResponse{Mountpoint: d.path(r.Name)}, nil
	})
	handle(mux, "VolumeDriver.Unmount", func(r *mountRequest) (interface{}, error) {
		d.mu.Lock()
		defer d.mu.Unlock()
		if !d.mounts[r.Name][r.ID] {
			return nil, fmt.Errorf("volume %s is not mounted by %s", r.Name, r.ID)
		}
		delete(d.mounts[r.Name], r.ID)
		return nil, nil
	})
	handle(mux, "VolumeDriver.Path", func(r *nameRequest) (interface{}, error) {
		if err := d.exists(r.Name); err != nil {
			return nil, err
		}
		return &mountpointResponse{Mountpoint: d.path(r.Name)}, nil
	})
	handle(mux, "VolumeDriver.Get", func(r *nameRequest) (interface{}, error) {
		if err := d.exists(r.Name); err != nil {
			return nil, err
		}
		fi, err := os.Stat(d.path(r.Name))
		if err != nil {
			return nil, err
		}
		d.mu.Lock()
		n := len(d.mounts[r.Name])
		d.mu.Unlock()
		return &getResponse{Volume: &volumeInfo{Name: r.Name, Mountpoint: d.path(r.Name),
			CreatedAt: fi.ModTime().UTC().Format(time.RFC3339),
			Status:    map[string]interface{}{"mounts": n}}}, nil
	})
	handle(mux, "VolumeDriver.List", func(r *struct{}) (interface{}, error) {
		entries, err := os.ReadDir(d.root)
		if err != nil {
			return nil, err
		}
		names := []string{}
		for _, e := range entries {
			if e.IsDir() {
				names = append(names, e.Name())
			}
		}
		sort.Strings(names)
		res := &listResponse{Volumes: []*volumeInfo{}}
		for _, n := range names {
			res.Volumes = append(res.Volumes, &volumeInfo{Name: n, Mountpoint: d.path(n)})
		}
		return res, nil
	})
	handle(mux, "VolumeDriver.Capabilities", func(r *struct{}) (interface{}, error) {
		res := &capabilitiesResponse{}
		res.Capabilities.Scope = "local"
		return res, nil
	})
}
