// Package plugin stands in for core0's plugin helper library, github.com/g8os/core0/base/plugin
// (later github.com/zero-os/0-core/base/plugin), which is not packaged in Debian and cannot be
// fetched here. Hangar's tests copy this file to that import path in a temporary GOPATH, so a
// plugin written for core0 compiles unchanged against it.
//
// It is written from scratch and is NOT core0's code. It reproduces core0's wire behaviour:
//   - the method is os.Args[1]; the JSON arguments are os.Args[2], used only when there are
//     exactly two arguments after the program name (otherwise the handler gets nil);
//   - the result is written to stdout as "20:::" + the JSON encoding of the value (json.Encoder,
//     so followed by "\n") + ":::" with no newline after it, then the process exits 0;
//   - no arguments: the error "missing command"; an unknown method: "unknown command: NAME"; a
//     handler error: its text; a handler panic: "paniced with error: VALUE" (core0's spelling).
//     An error is written as the result, as a JSON string in the same framing, and the process
//     exits 1.
package plugin

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
)

// Runnable is one method: it gets the raw JSON arguments (nil when none were given) and returns
// a value to encode as the JSON result, or an error.
type Runnable func(args json.RawMessage) (interface{}, error)

// Commands maps method names to their implementations.
type Commands map[string]Runnable

// Plugin runs the method named by os.Args[1], writes its result in core0's framing and exits.
// It never returns.
func Plugin(commands Commands) {
	args := os.Args[1:]
	if len(args) == 0 {
		fail(errors.New("missing command"))
	}
	method := args[0]
	var input json.RawMessage
	if len(args) == 2 {
		input = json.RawMessage(args[1])
	}
	run, ok := commands[method]
	if !ok {
		fail(fmt.Errorf("unknown command: %s", method))
	}
	result, err := call(run, input)
	if err != nil {
		fail(err)
	}
	output(result)
	os.Exit(0)
}

// call runs one handler, turning a panic into an error.
func call(run Runnable, input json.RawMessage) (result interface{}, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("paniced with error: %v", r)
		}
	}()
	return run(input)
}

// output writes v as a level-20 (JSON result) multi-line message.
func output(v interface{}) {
	os.Stdout.WriteString("20:::")
	json.NewEncoder(os.Stdout).Encode(v)
	os.Stdout.WriteString(":::")
}

// fail writes the error text as the result and exits 1.
func fail(err error) {
	output(err.Error())
	os.Exit(1)
}
