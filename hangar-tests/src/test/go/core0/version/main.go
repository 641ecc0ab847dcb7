// Command version is the example plugin of core0's README, unchanged: it is built against
// core0's helper library (here: the stand-in in ../plugin, copied to core0's import path).
package main

import (
	"encoding/json"

	"github.com/g8os/core0/base/plugin"
)

func version(args json.RawMessage) (interface{}, error) {
	return "1.0alpha", nil
}

func main() {
	plugin.Plugin(plugin.Commands{
		"version": version,
	})
}
