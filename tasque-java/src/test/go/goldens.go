// goldens.go: prints, with Go's own encoding/json, the bodies Go tasque would write
// for the tasks GoEncoderCrossCheckTest encodes in Java, one per line.

package main

import (
	"encoding/json"
	"fmt"
	"time"
)

type Task struct {
	Name        string
	Params      map[string]interface{}
	EnqueueTime time.Time
}

func main() {
	t, _ := time.Parse(time.RFC3339Nano, "2015-06-01T10:20:30.123Z")
	seed := Task{Name: "download", Params: map[string]interface{}{"url": "http://google.com"}, EnqueueTime: t}
	b, _ := json.Marshal(seed)
	fmt.Println(string(b))
	zero := Task{Name: "download", Params: map[string]interface{}{"url": "http://google.com"}}
	b, _ = json.Marshal(zero)
	fmt.Println(string(b))
	mixed := Task{Name: "mixed", EnqueueTime: t, Params: map[string]interface{}{
		"z": 1, "a": "<b>&\"\n\u2028é", "m": 2.5, "n": nil,
		"list":   []interface{}{1, "x", true, 0.000001, 1e-7},
		"nested": map[string]interface{}{"k2": 1, "k1": 1e21},
		"big":    12345678901, "f": float32(0.1), "neg": -0.5, "bytes": []byte("hi"), "B": false,
	}}
	b, _ = json.Marshal(mixed)
	fmt.Println(string(b))
	b, _ = json.Marshal(Task{Name: "a&b", Params: map[string]interface{}{}, EnqueueTime: t})
	fmt.Println(string(b))
}
