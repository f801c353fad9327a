package cli

import (
	"os"
	"path/filepath"
	"testing"
)

func TestNPMRegistrySetting(t *testing.T) {
	project, home := t.TempDir(), t.TempDir()
	vars := map[string]string{"HOME": home}
	env := &Env{Dir: project, Getenv: func(k string) string { return vars[k] }}
	if got := npmRegistry(env); got != "https://registry.npmjs.org/" {
		t.Errorf("default = %q", got)
	}
	write := func(dir, text string) {
		if err := os.WriteFile(filepath.Join(dir, ".npmrc"), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(home, "; user settings\nregistry = https://home.example/npm/\n")
	if got := npmRegistry(env); got != "https://home.example/npm/" {
		t.Errorf("~/.npmrc = %q", got)
	}
	write(project, "save-exact=true\nregistry=https://project.example/\n")
	if got := npmRegistry(env); got != "https://project.example/" {
		t.Errorf("project .npmrc = %q", got)
	}
	vars["npm_config_registry"] = "https://lower.example/"
	if got := npmRegistry(env); got != "https://lower.example/" {
		t.Errorf("npm_config_registry = %q", got)
	}
	vars["NPM_CONFIG_REGISTRY"] = "https://env.example/"
	if got := npmRegistry(env); got != "https://env.example/" {
		t.Errorf("NPM_CONFIG_REGISTRY = %q", got)
	}
}
