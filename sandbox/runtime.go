package sandbox

import (
	"embed"
	"fmt"
	"sync"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/url"

	"github.com/pmrun/pmrun/sandbox/jslib"
)

//go:embed corejs/*.js
var coreFS embed.FS

// jsRuntime is one goja runtime with its loop, libraries and pm machinery. It is thrown away
// after a timeout or interrupt (goja cannot be trusted afterwards).
type jsRuntime struct {
	vm         *goja.Runtime
	loop       *loop
	libs       map[string]goja.Value
	format     goja.Callable
	begin      goja.Callable
	finish     goja.Callable
	syncDone   goja.Callable // tells corejs/pm.js the script's synchronous part returned
	rejections []*goja.Promise
	loading    int        // > 0 while a library evaluates: legacy globals then stay silent
	model      goja.Value // the object model of js/model.js (for require('postman-collection'))
}

// coreProgram is one corejs file compiled once per process as a function of params.
type coreProgram struct {
	file, params string
	once         sync.Once
	prog         *goja.Program
	err          error
}

var (
	progInspect = &coreProgram{file: "corejs/inspect.js"}
	progGlobals = &coreProgram{file: "corejs/globals.js", params: "host"}
	progPM      = &coreProgram{file: "corejs/pm.js", params: "host, model, chai, fmt"}
	progLegacy  = &coreProgram{file: "corejs/legacy.js", params: "host, core, model"}
	progModel   = &coreProgram{file: modelFile, params: "chai, host"}
	progChai    = &coreProgram{file: "corejs/chai.js", params: "chai, proxyOf"}
	progJSON    = &coreProgram{file: "corejs/json.js", params: "model"}
)

func (c *coreProgram) get() (*goja.Program, error) {
	c.once.Do(func() {
		src, err := readCore(c.file)
		if err != nil {
			c.err = err
			return
		}
		c.prog, c.err = goja.Compile(c.file, "(function ("+c.params+") {"+src+"\n})", true)
		if c.err != nil {
			c.err = fmt.Errorf("sandbox: compile %s: %w", c.file, c.err)
		}
	})
	return c.prog, c.err
}

// call runs the compiled function with args and returns its result.
func (c *coreProgram) call(vm *goja.Runtime, args ...goja.Value) (goja.Value, error) {
	prog, err := c.get()
	if err != nil {
		return nil, err
	}
	fnv, err := vm.RunProgram(prog)
	if err != nil {
		return nil, fmt.Errorf("sandbox: load %s: %w", c.file, err)
	}
	fn, _ := goja.AssertFunction(fnv)
	v, err := fn(goja.Undefined(), args...)
	if err != nil {
		return nil, fmt.Errorf("sandbox: run %s: %w", c.file, err)
	}
	return v, nil
}

// newRuntime builds a runtime ready to run scripts: globals, Buffer, chai, the model and pm.
func newRuntime(s *Sandbox) (*jsRuntime, error) {
	vm := goja.New()
	vm.SetMaxCallStackSize(10000)
	rt := &jsRuntime{vm: vm, loop: newLoop(), libs: make(map[string]goja.Value)}
	vm.SetPromiseRejectionTracker(rt.track)

	fmtObj, err := progInspect.call(vm)
	if err != nil {
		return nil, err
	}
	rt.format, _ = goja.AssertFunction(fmtObj.ToObject(vm).Get("format"))
	host := s.hostObject(rt)
	s.installGlobals(rt)
	s.installLimits(rt)
	if _, err := progGlobals.call(vm, host); err != nil {
		return nil, err
	}
	if err := installURL(vm); err != nil {
		return nil, err
	}
	buf, err := rt.load("buffer")
	if err != nil {
		return nil, err
	}
	if err := vm.Set("Buffer", buf.ToObject(vm).Get("Buffer")); err != nil {
		return nil, fmt.Errorf("sandbox: set Buffer: %w", err)
	}
	if err := installWebGlobals(s, rt, buf); err != nil {
		return nil, err
	}
	if err := installIntl(rt, s.opts.TimeZone); err != nil {
		return nil, err
	}
	chai, err := rt.load("chai")
	if err != nil {
		return nil, err
	}
	if err := configureChai(vm, chai); err != nil {
		return nil, err
	}
	model, err := progModel.call(vm, chai, host)
	if err != nil {
		return nil, err
	}
	rt.model = model
	if _, err := progJSON.call(vm, model); err != nil {
		return nil, err
	}
	if _, err := progSDK.call(vm, model); err != nil {
		return nil, err
	}
	modelObj := model.ToObject(vm)
	if install, ok := goja.AssertFunction(modelObj.Get("installChai")); ok {
		if _, err := install(modelObj); err != nil {
			return nil, fmt.Errorf("sandbox: install chai-postman: %w", err)
		}
	}
	core, err := progPM.call(vm, host, model, chai, fmtObj)
	if err != nil {
		return nil, err
	}
	coreObj := core.ToObject(vm)
	rt.begin, _ = goja.AssertFunction(coreObj.Get("begin"))
	rt.finish, _ = goja.AssertFunction(coreObj.Get("finish"))
	rt.syncDone, _ = goja.AssertFunction(coreObj.Get("syncDone"))
	if _, err := progLegacy.call(vm, host, core, model); err != nil {
		return nil, err
	}
	if err := installSugar(rt, host); err != nil {
		return nil, err
	}
	return rt, nil
}

// installURL provides URL and URLSearchParams (goja_nodejs' WHATWG implementation).
func installURL(vm *goja.Runtime) error {
	mod := vm.NewObject()
	if err := mod.Set("exports", vm.NewObject()); err != nil {
		return fmt.Errorf("sandbox: url module: %w", err)
	}
	url.Require(vm, mod)
	exports := mod.Get("exports").ToObject(vm)
	if err := vm.Set("URL", exports.Get("URL")); err != nil {
		return fmt.Errorf("sandbox: set URL: %w", err)
	}
	if err := vm.Set("URLSearchParams", exports.Get("URLSearchParams")); err != nil {
		return fmt.Errorf("sandbox: set URLSearchParams: %w", err)
	}
	return nil
}

// track is the promise rejection tracker: it remembers rejected promises nobody handles.
func (rt *jsRuntime) track(p *goja.Promise, op goja.PromiseRejectionOperation) {
	switch op {
	case goja.PromiseRejectionReject:
		rt.rejections = append(rt.rejections, p)
	case goja.PromiseRejectionHandle:
		rt.forgetRejection(p)
	}
}

func (rt *jsRuntime) forgetRejection(p *goja.Promise) {
	for i, q := range rt.rejections {
		if q == p {
			rt.rejections = append(rt.rejections[:i], rt.rejections[i+1:]...)
			return
		}
	}
}

// unhandled returns and forgets the first unhandled rejected promise other than top.
func (rt *jsRuntime) unhandled(top *goja.Promise) *goja.Promise {
	for i, p := range rt.rejections {
		if p != top {
			rt.rejections = append(rt.rejections[:i], rt.rejections[i+1:]...)
			return p
		}
	}
	return nil
}

// load evaluates an embedded library (cached per runtime).
func (rt *jsRuntime) load(name string) (goja.Value, error) {
	if v, ok := rt.libs[name]; ok {
		return v, nil
	}
	var v goja.Value
	var err error
	rt.loading++
	defer func() { rt.loading-- }()
	switch name {
	case "fs":
		v = rt.vm.NewObject()
	case "uuid":
		v, err = rt.vm.RunString(uuidSource)
	case "os":
		v, err = rt.vm.RunString(osSource)
	case "atob", "btoa":
		v = rt.vm.Get(name)
	case "json":
		v, err = rt.load("liquid-json")
	case "postman-collection":
		v, err = rt.vm.RunString(collectionSource)
		if err == nil {
			fn, _ := goja.AssertFunction(v)
			v, err = fn(goja.Undefined(), rt.model)
		}
	default:
		v, err = jslib.Load(rt.vm, name, rt.load)
		if err == nil && name == "crypto-js" {
			err = rt.nativeCryptoJS(v) // Go fast paths behind crypto-js's own objects
		}
	}
	if err != nil {
		return nil, err
	}
	rt.libs[name] = v
	return v, nil
}

// require is the script-facing require(): embedded libraries only.
func (rt *jsRuntime) require(name string) goja.Value {
	// lodash3 is only the legacy _, sugar only the built-in extensions.
	if name == "lodash3" || name == "sugar" || (!builtinModules[name] && !jslib.Has(name)) {
		e := newError(rt.vm, "Error", "Cannot find module '"+name+"'")
		_ = e.Set("code", "MODULE_NOT_FOUND")
		panic(e)
	}
	v, err := rt.load(name)
	if err != nil {
		panic(rt.vm.NewGoError(err))
	}
	return v
}

// builtinModules are the require() names served by the sandbox itself rather than jslib.
var builtinModules = map[string]bool{
	"fs": true, "os": true, "uuid": true, "atob": true, "btoa": true, "json": true, "postman-collection": true,
}

// osSource is the os module of a browser bundle (what Postman's browserify build exposes):
// constants, never the host's.
const osSource = `(function () {
	function c(v) { return function () { return v; }; }
	return {
		EOL: '\n', endianness: c('LE'), hostname: c(''), loadavg: c([]), uptime: c(0),
		freemem: c(Number.MAX_VALUE), totalmem: c(Number.MAX_VALUE), cpus: c([]), type: c('Browser'),
		release: c(''), networkInterfaces: c({}), getNetworkInterfaces: c({}), arch: c('javascript'),
		platform: c('browser'), tmpdir: c('/tmp'), tmpDir: c('/tmp'), homedir: c('/')
	};
})()`

// collectionSource builds require('postman-collection') from the sandbox's own object
// model: its classes (Request, Response, Url, Header...) and those of corejs/sdk.js
// (VariableScope, MutationTracker, Item, ItemGroup, Collection), not the whole SDK.
const collectionSource = `(function (model) {
	var out = {};
	['PropertyList', 'Description', 'QueryParam', 'Header', 'HeaderList', 'Variable', 'VariableList', 'Url',
		'FormParam', 'RequestBody', 'RequestAuth', 'Request', 'Cookie', 'CookieList', 'Response',
		'MutationTracker', 'VariableScope', 'Event', 'EventList', 'Item', 'ItemGroup', 'Collection'
	].forEach(function (name) { out[name] = model[name]; });
	return Object.freeze(out);
})`

// uuidSource is Postman's tiny uuid module: uuid() and uuid.v4(), random v4 ids.
const uuidSource = `(function () {
	function v4() {
		return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, function (c) {
			var r = Math.random() * 16 | 0;
			return (c === 'x' ? r : (r & 0x3 | 0x8)).toString(16);
		});
	}
	v4.v4 = v4;
	return v4;
})()`

func readCore(name string) (string, error) {
	if name == modelFile && modelSource != "" {
		return modelSource, nil
	}
	b, err := coreFS.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("sandbox: read %s: %w", name, err)
	}
	return string(b), nil
}
