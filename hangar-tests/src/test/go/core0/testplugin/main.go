// Command testplugin is a core0 plugin for Hangar's end-to-end tests, built against core0's
// helper library (the stand-in in ../plugin) like any plugin written for core0.
//
//	version          "1.0alpha"
//	echo ARGS        the arguments back, as given
//	fail             the error "failed on purpose" (exit 1)
//	panic            a panic, reported by the library as "paniced with error: boom" (exit 1)
//	log              messages at levels 3, 7, 8 and 11 (one multi-line), plain stdout and
//	                 stderr lines, then the result {"logged":true}
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/g8os/core0/base/plugin"
)

func version(args json.RawMessage) (interface{}, error) {
	return "1.0alpha", nil
}

func echo(args json.RawMessage) (interface{}, error) {
	if args == nil {
		return nil, nil
	}
	return args, nil
}

func failing(args json.RawMessage) (interface{}, error) {
	return nil, errors.New("failed on purpose")
}

func panicking(args json.RawMessage) (interface{}, error) {
	panic("boom")
}

func logging(args json.RawMessage) (interface{}, error) {
	fmt.Println("3::public message")
	fmt.Println("7::a warning")
	fmt.Println("8:::an error\nover two lines\n:::")
	fmt.Println("11::debug detail")
	fmt.Println("plain stdout line")
	fmt.Fprintln(os.Stderr, "plain stderr line")
	return map[string]bool{"logged": true}, nil
}

func main() {
	plugin.Plugin(plugin.Commands{
		"version": version,
		"echo":    echo,
		"fail":    failing,
		"panic":   panicking,
		"log":     logging,
	})
}
