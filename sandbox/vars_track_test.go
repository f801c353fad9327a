package sandbox

import (
	"context"
	"strings"
	"testing"
)

// TestVariableMutationsTracked checks what set and unset record in a scope's mutations, on the
// tracker's fast path and when a script replaced the tracker's track (it is then called).
func TestVariableMutationsTracked(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	ex := newExec("prerequest", `pm.variables.set('a', 1); pm.variables.set(2, 'two'); pm.variables.set('a', 'x');
pm.variables.unset('gone'); pm.variables.set('o', { n: [1] });
console.log(JSON.stringify(pm.variables.mutations));
const seen = [];
pm.environment.mutations.track = function () { seen.push(Array.prototype.slice.call(arguments).join(':')); };
pm.environment.set('e', 'v'); pm.environment.unset('e');
console.log(seen.join(' '), pm.environment.get('e') === undefined, JSON.stringify(pm.environment.mutations.compacted));
pm.globals.mutations.autoCompact = false;
pm.globals.set('g', 1); pm.globals.unset('g');
console.log(JSON.stringify(pm.globals.mutations));`)
	if res := h.sb.Run(context.Background(), ex); res.Err != nil {
		t.Fatal(res.Err)
	}
	want := `log: {"autoCompact":true,"stream":[],"compacted":{"2":["2","two"],"a":["a","x"],"gone":["gone"],"o":["o",{"n":[1]}]}}
log: set:e:v unset:e true {}
log: {"autoCompact":false,"stream":[["g",1],["g"]],"compacted":{}}`
	if got := strings.Join(h.rec.console(), "\n"); got != want {
		t.Errorf("console:\n got %s\nwant %s", got, want)
	}
}
