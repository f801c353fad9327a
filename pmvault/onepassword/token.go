package onepassword

import (
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/pmrun/pmrun/pmvault"
)

// CheckToken checks the outer shape of a service account token without loading the SDK:
// "ops_" followed by unpadded base64 (standard or URL alphabet) of a JSON object. The SDK
// rejects anything else too, but only after its 3–4 s WASM compile. The error never
// contains the token.
func CheckToken(token string) error {
	bad := func(why string) error {
		return &pmvault.ProviderError{Provider: providerName, Kind: pmvault.KindBadToken,
			Msg: "the service account token is malformed: " + why}
	}
	body, ok := strings.CutPrefix(strings.TrimSpace(token), "ops_")
	if !ok {
		return bad(`it does not start with "ops_"`)
	}
	var raw []byte
	var err error
	for _, enc := range []*base64.Encoding{base64.RawURLEncoding, base64.RawStdEncoding} {
		if raw, err = enc.DecodeString(body); err == nil {
			break
		}
	}
	if err != nil {
		return bad("it is not unpadded base64 after \"ops_\"")
	}
	var obj map[string]any
	if json.Unmarshal(raw, &obj) != nil {
		return bad("it does not decode to a JSON object")
	}
	return nil
}
