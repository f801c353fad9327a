package cli

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/packages"
)

// packageFlags are the pm.require settings of run and packages fetch.
type packageFlags struct {
	dir     string
	offline bool
}

func addPackageFlags(f *pflag.FlagSet, p *packageFlags, withOffline bool) {
	f.StringVar(&p.dir, "package-dir", "", "directory of team packages for pm.require('@team/name'): DIR/@team/name.js")
	if withOffline {
		f.BoolVar(&p.offline, "offline", false, "pm.require('npm:…') reads the package cache only (fill it with pmrun packages fetch)")
	}
}

// store returns the package source of a run: team packages from --package-dir, npm: and
// jsr: packages through the cache from the npm registry.
func (p packageFlags) store(ctx context.Context, env *Env) *packages.Store {
	dir := p.dir
	if dir != "" && !filepath.IsAbs(dir) {
		dir = filepath.Join(env.Dir, dir)
	}
	return packages.New(packages.Config{
		Dir:      dir,
		CacheDir: packageCacheDir(env),
		Registry: npmRegistry(env),
		Offline:  p.offline,
		Context:  ctx,
		// A script waits while its package downloads, beyond the reach of --timeout-script.
		Client: &http.Client{Timeout: 2 * time.Minute},
	})
}

// packageCacheDir is $PMRUN_PACKAGE_CACHE, else pmrun/packages in the user's cache
// directory ($XDG_CACHE_HOME, else ~/.cache).
func packageCacheDir(env *Env) string {
	if d := env.Getenv("PMRUN_PACKAGE_CACHE"); d != "" {
		return d
	}
	if d := env.Getenv("XDG_CACHE_HOME"); d != "" {
		return filepath.Join(d, "pmrun", "packages")
	}
	if h := env.Getenv("HOME"); h != "" {
		return filepath.Join(h, ".cache", "pmrun", "packages")
	}
	return ""
}

// npmRegistry follows npm: $NPM_CONFIG_REGISTRY (any case), then the registry= line of
// the project's .npmrc, then of ~/.npmrc, then npm's public registry.
func npmRegistry(env *Env) string {
	for _, k := range []string{"NPM_CONFIG_REGISTRY", "npm_config_registry"} {
		if v := env.Getenv(k); v != "" {
			return v
		}
	}
	files := []string{filepath.Join(env.Dir, ".npmrc")}
	if h := env.Getenv("HOME"); h != "" {
		files = append(files, filepath.Join(h, ".npmrc"))
	}
	for _, f := range files {
		if r := npmrcRegistry(f); r != "" {
			return r
		}
	}
	return packages.DefaultRegistry
}

func npmrcRegistry(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer func() { _ = f.Close() }()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), "=")
		if ok && strings.TrimSpace(k) == "registry" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func newPackagesCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "packages",
		Short: "Manage the packages scripts load with pm.require",
	}
	var p packageFlags
	fetch := &cobra.Command{
		Use:   "fetch <collection>",
		Short: "Download the npm:/jsr: packages a collection's scripts pm.require into the cache (for --offline runs)",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return &usageError{fmt.Sprintf("packages fetch needs exactly one collection (got %d arguments)", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := loadCollection(cmd.Context(), env, args[0])
			if err != nil {
				return err
			}
			var fetch []string
			for _, n := range packages.Names(collectionScripts(c)) {
				if strings.HasPrefix(n, "npm:") || strings.HasPrefix(n, "jsr:") || p.dir != "" {
					fetch = append(fetch, n)
				} else {
					warnf(env.Stdout, "team package %s: read from --package-dir at run time\n", n)
				}
			}
			store := p.store(cmd.Context(), env)
			err = store.Fetch(fetch, func(name string, err error) {
				if err != nil {
					warnf(env.Stdout, "✗ %s: %v\n", name, err)
				} else {
					warnf(env.Stdout, "✓ %s\n", name)
				}
			})
			if err != nil {
				return &inputError{err}
			}
			warnf(env.Stdout, "%d packages in %s\n", len(fetch), packageCacheDir(env))
			return nil
		},
	}
	addPackageFlags(fetch.Flags(), &p, false)
	cmd.AddCommand(fetch)
	return cmd
}

// collectionScripts returns the source of every script in the collection.
func collectionScripts(c *collections.Collection) []string {
	var out []string
	add := func(events []collections.Event) {
		for _, e := range events {
			out = append(out, e.Script.Source)
		}
	}
	add(c.Events)
	var walk func(items []*collections.Item)
	walk = func(items []*collections.Item) {
		for _, it := range items {
			add(it.Events)
			walk(it.Items)
		}
	}
	walk(c.Items)
	return out
}
