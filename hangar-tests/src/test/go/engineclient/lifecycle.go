package main

// The life cycle of one plugin, call by call, each result checked against what dockerd answers.

import (
	"context"
	"encoding/json"
	"regexp"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/client"
	"github.com/docker/docker/errdefs"
)

var hexID = regexp.MustCompile(`^[0-9a-f]{64}$`)

type lifeCycle struct {
	r      *report
	cli    *client.Client
	ctx    context.Context
	dir    string
	name   string // as given: gp
	tagged string // as stored: gp:latest
	id     string
}

// listed is what a step reports of a PluginList: name and Enabled of each plugin.
type listed struct {
	Name    string
	Enabled bool
}

func (l *lifeCycle) run(inUse bool) {
	if !l.system() || !l.create() {
		return
	}
	l.inspectAndList(false)
	l.set()
	if !l.enable() {
		return
	}
	l.inspectAndList(true)
	l.info(true)
	l.refusalsWhileEnabled()
	if inUse {
		l.inUse()
	}
	l.disableAndRemove()
	l.missing()
}

func (l *lifeCycle) system() bool {
	ping, err := l.cli.Ping(l.ctx)
	ok := l.r.add("Ping", ping, err, ping.APIVersion != "" && ping.OSType == "linux",
		"API-Version empty or OSType not linux")
	v, err := l.cli.ServerVersion(l.ctx)
	l.r.add("ServerVersion", map[string]string{"Version": v.Version, "APIVersion": v.APIVersion,
		"MinAPIVersion": v.MinAPIVersion, "Os": v.Os, "Arch": v.Arch}, err,
		v.APIVersion == ping.APIVersion && v.Os == "linux" && v.Version != "",
		"APIVersion differs from the ping's, Os not linux or Version empty")
	l.r.add("ClientVersion", l.cli.ClientVersion(), nil, l.cli.ClientVersion() == ping.APIVersion,
		"the client did not negotiate the daemon's API version")
	plugins, err := l.cli.PluginList(l.ctx, filters.NewArgs())
	l.r.add("PluginList before create", names(plugins), err, len(plugins) == 0,
		"a plugin is listed before create")
	return ok
}

func (l *lifeCycle) create() bool {
	tar, err := packageTar(l.dir)
	if !l.r.add("archive.TarWithOptions", l.dir, err, true, "") {
		return false
	}
	err = l.cli.PluginCreate(l.ctx, tar, types.PluginCreateOptions{RepoName: l.name})
	tar.Close()
	if !l.r.add("PluginCreate", l.name, err, true, "") {
		return false
	}
	tar, err = packageTar(l.dir)
	if err == nil {
		err = l.cli.PluginCreate(l.ctx, tar, types.PluginCreateOptions{RepoName: l.name})
		tar.Close()
	}
	l.r.refused("PluginCreate of an existing name", err,
		"Error response from daemon: plugin "+l.tagged+" already exists",
		"Conflict", errdefs.IsConflict)
	return true
}

// inspectAndList checks inspect and the lists while the plugin is enabled or not.
func (l *lifeCycle) inspectAndList(enabled bool) {
	when := map[bool]string{false: " (disabled)", true: " (enabled)"}[enabled]
	p, raw, err := l.cli.PluginInspectWithRaw(l.ctx, l.name)
	var fields map[string]interface{}
	if err == nil {
		err = json.Unmarshal(raw, &fields)
	}
	if err == nil {
		l.id = p.ID
	}
	l.r.add("PluginInspectWithRaw"+when, summary(p), err, err == nil && p.Name == l.tagged &&
		hexID.MatchString(p.ID) && p.Enabled == enabled && p.Config.Interface.Socket != "" &&
		fields["Id"] == p.ID,
		"Name, Id, Enabled or Config.Interface.Socket wrong, or the raw JSON has another Id")
	if !enabled && l.id != "" {
		byID, _, err := l.cli.PluginInspectWithRaw(l.ctx, l.id)
		l.r.add("PluginInspectWithRaw by ID", summary(byID), err, byID != nil && byID.ID == l.id,
			"another plugin")
		prefix, _, err := l.cli.PluginInspectWithRaw(l.ctx, l.id[:12])
		l.r.add("PluginInspectWithRaw by ID prefix", summary(prefix), err,
			prefix != nil && prefix.ID == l.id, "another plugin")
	}
	all, err := l.cli.PluginList(l.ctx, filters.NewArgs())
	l.r.add("PluginList"+when, names(all), err,
		len(all) == 1 && all[0].Name == l.tagged && all[0].Enabled == enabled,
		"not exactly the plugin with its Enabled")
	on, err := l.cli.PluginList(l.ctx, filters.NewArgs(filters.Arg("enabled", "true")))
	l.r.add("PluginList enabled=true"+when, names(on), err,
		len(on) == map[bool]int{false: 0, true: 1}[enabled],
		"the enabled filter kept the wrong plugins")
	off, err := l.cli.PluginList(l.ctx, filters.NewArgs(filters.Arg("enabled", "false")))
	l.r.add("PluginList enabled=false"+when, names(off), err,
		len(off) == map[bool]int{false: 1, true: 0}[enabled],
		"the enabled filter kept the wrong plugins")
	vd, err := l.cli.PluginList(l.ctx, filters.NewArgs(filters.Arg("capability", "volumedriver")))
	l.r.add("PluginList capability=volumedriver"+when, names(vd), err,
		len(vd) == 1 && vd[0].Name == l.tagged, "the volume driver is not listed")
	authz, err := l.cli.PluginList(l.ctx, filters.NewArgs(filters.Arg("capability", "authz")))
	l.r.add("PluginList capability=authz"+when, names(authz), err, len(authz) == 0,
		"a volume driver listed as authz")
}

func (l *lifeCycle) set() {
	err := l.cli.PluginSet(l.ctx, l.name, []string{"DEBUG=1"})
	l.r.add("PluginSet DEBUG=1", nil, err, true, "")
	p, _, err := l.cli.PluginInspectWithRaw(l.ctx, l.name)
	var env []string
	if p != nil {
		env = p.Settings.Env
	}
	l.r.add("PluginInspectWithRaw after set", env, err, len(env) == 1 && env[0] == "DEBUG=1",
		"Settings.Env is not [DEBUG=1]")
	err = l.cli.PluginSet(l.ctx, l.name, []string{"NOPE=1"})
	l.r.refused("PluginSet of an unknown setting", err,
		`Error response from daemon: setting "NOPE" not found in the plugin configuration`,
		"System", errdefs.IsSystem)
	err = l.cli.PluginDisable(l.ctx, l.name, types.PluginDisableOptions{})
	l.r.refused("PluginDisable of a disabled plugin", err,
		"Error response from daemon: plugin is already disabled: plugin "+l.tagged+
			" found but disabled", "Conflict", errdefs.IsConflict)
}

func (l *lifeCycle) enable() bool {
	err := l.cli.PluginEnable(l.ctx, l.name, types.PluginEnableOptions{Timeout: 30})
	return l.r.add("PluginEnable", nil, err, true, "")
}

func (l *lifeCycle) info(enabled bool) {
	when := map[bool]string{false: " (disabled)", true: " (enabled)"}[enabled]
	info, err := l.cli.Info(l.ctx)
	l.r.add("Info"+when, info.Plugins, err,
		contains(info.Plugins.Volume, l.tagged) == enabled && info.OSType == "linux",
		"Plugins.Volume is wrong about the plugin, or OSType is not linux")
}

func (l *lifeCycle) refusalsWhileEnabled() {
	err := l.cli.PluginEnable(l.ctx, l.name, types.PluginEnableOptions{Timeout: 30})
	l.r.refused("PluginEnable of an enabled plugin", err,
		"Error response from daemon: plugin already enabled: plugin "+l.tagged+" is enabled",
		"Conflict", errdefs.IsConflict)
	err = l.cli.PluginSet(l.ctx, l.name, []string{"DEBUG=2"})
	l.r.refused("PluginSet while enabled", err, "Error response from daemon: cannot set on an "+
		"active plugin, disable plugin before setting", "System", errdefs.IsSystem)
	err = l.cli.PluginRemove(l.ctx, l.name, types.PluginRemoveOptions{})
	l.r.refused("PluginRemove while enabled", err,
		"Error response from daemon: plugin "+l.tagged+" is enabled",
		"Conflict", errdefs.IsConflict)
}

func (l *lifeCycle) disableAndRemove() {
	err := l.cli.PluginDisable(l.ctx, l.name, types.PluginDisableOptions{Force: true})
	l.r.add("PluginDisable force", nil, err, true, "")
	p, _, err := l.cli.PluginInspectWithRaw(l.ctx, l.name)
	l.r.add("PluginInspectWithRaw after disable", summary(p), err, p != nil && !p.Enabled,
		"still enabled")
	l.info(false)
	err = l.cli.PluginRemove(l.ctx, l.name, types.PluginRemoveOptions{})
	l.r.add("PluginRemove", nil, err, true, "")
	all, err := l.cli.PluginList(l.ctx, filters.NewArgs())
	l.r.add("PluginList after remove", names(all), err, len(all) == 0, "a plugin is left")
}

// missing checks the refusals for a plugin that is not there (removed by now).
func (l *lifeCycle) missing() {
	_, _, err := l.cli.PluginInspectWithRaw(l.ctx, l.name)
	// The 20.10 client turns a 404 from inspect into its own error (wrapResponseError).
	l.r.refused("PluginInspectWithRaw of a missing plugin", err, "Error: No such plugin: "+l.name,
		"IsErrNotFound", client.IsErrNotFound)
	err = l.cli.PluginEnable(l.ctx, l.name, types.PluginEnableOptions{Timeout: 30})
	l.r.refused("PluginEnable of a missing plugin", err,
		`Error response from daemon: plugin "`+l.name+`" not found`,
		"IsErrNotFound", client.IsErrNotFound)
	err = l.cli.PluginRemove(l.ctx, l.name, types.PluginRemoveOptions{Force: true})
	l.r.refused("PluginRemove of a missing plugin", err, "Error: No such plugin: "+l.name,
		"IsErrNotFound", client.IsErrNotFound)
	_, err = l.cli.PluginList(l.ctx, filters.NewArgs(filters.Arg("nope", "x")))
	l.r.refused("PluginList with an unknown filter", err,
		"Error response from daemon: invalid filter 'nope'",
		"InvalidParameter", errdefs.IsInvalidParameter)
}

func summary(p *types.Plugin) interface{} {
	if p == nil {
		return nil
	}
	return map[string]interface{}{"Id": p.ID, "Name": p.Name, "Enabled": p.Enabled,
		"Socket": p.Config.Interface.Socket, "Env": p.Settings.Env,
		"PluginReference": p.PluginReference}
}

func names(ps types.PluginsListResponse) []listed {
	out := []listed{}
	for _, p := range ps {
		out = append(out, listed{Name: p.Name, Enabled: p.Enabled})
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}
