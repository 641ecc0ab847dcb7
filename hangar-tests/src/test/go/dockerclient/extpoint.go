package main

// This declaration mirrors moby's daemon-side volume/drivers/extpoint.go (the volume/ tree is not
// shipped in Debian's golang-github-docker-docker-dev, so the daemon's adapter cannot be built
// here). proxy.go is generated from it by moby's own pluginrpc-gen, exactly as moby generates its
// proxy; regenerate with:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o /tmp/pluginrpc-gen \
//	    github.com/docker/docker/pkg/plugins/pluginrpc-gen
//	/tmp/pluginrpc-gen -i extpoint.go -o proxy.go -type volumeDriver -name VolumeDriver

//go:generate pluginrpc-gen -i $GOFILE -o proxy.go -type volumeDriver -name VolumeDriver

import "time"

// proxyVolume is the daemon's decoding of a volume in Get and List replies: CreatedAt is a
// time.Time, so a plugin must send RFC 3339 (or nothing).
type proxyVolume struct {
	Name       string
	Mountpoint string
	CreatedAt  time.Time
	Status     map[string]interface{}
}

// capability is the daemon's volume.Capability.
type capability struct {
	Scope string
}

type volumeDriver interface {
	// Create a volume with the given name
	Create(name string, opts map[string]string) (err error)
	// Remove the volume with the given name
	Remove(name string) (err error)
	// Get the mountpoint of the given volume
	Path(name string) (mountpoint string, err error)
	// Mount the given volume and return the mountpoint
	Mount(name, id string) (mountpoint string, err error)
	// Unmount the given volume
	Unmount(name, id string) (err error)
	// List lists all the volumes known to the driver
	List() (volumes []*proxyVolume, err error)
	// Get retrieves the volume with the requested name
	Get(name string) (volume *proxyVolume, err error)
	// Capabilities gets the list of capabilities of the driver
	Capabilities() (capabilities capability, err error)
}
