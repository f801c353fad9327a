package collections

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// postmanDynamicNames is the list of dynamic variables in postman-collection's
// lib/superstring/dynamic-variables.js (118 names).
var postmanDynamicNames = strings.Fields(`$guid $timestamp $isoTimestamp $randomInt $randomPhoneNumber
	$randomPhoneNumberExt $randomLocale $randomWords $randomFilePath $randomDirectoryPath $randomCity
	$randomStreetName $randomStreetAddress $randomCountry $randomCountryCode $randomLatitude
	$randomLongitude $randomColor $randomDepartment $randomProductName $randomProductAdjective
	$randomProductMaterial $randomProduct $randomCompanyName $randomCompanySuffix $randomCatchPhrase
	$randomBs $randomCatchPhraseAdjective $randomCatchPhraseDescriptor $randomCatchPhraseNoun
	$randomBsAdjective $randomBsBuzz $randomBsNoun $randomDatabaseColumn $randomDatabaseType
	$randomDatabaseCollation $randomDatabaseEngine $randomDatePast $randomDateFuture $randomDateRecent
	$randomMonth $randomWeekday $randomBankAccount $randomBankAccountName $randomCreditCardMask
	$randomPrice $randomTransactionType $randomCurrencyCode $randomCurrencyName $randomCurrencySymbol
	$randomBitcoin $randomBankAccountIban $randomBankAccountBic $randomAbbreviation $randomAdjective
	$randomNoun $randomVerb $randomIngverb $randomPhrase $randomAvatarImage $randomImageUrl
	$randomAbstractImage $randomAnimalsImage $randomBusinessImage $randomCatsImage $randomCityImage
	$randomFoodImage $randomNightlifeImage $randomFashionImage $randomPeopleImage $randomNatureImage
	$randomSportsImage $randomTransportImage $randomImageDataUri $randomEmail $randomExampleEmail
	$randomUserName $randomProtocol $randomUrl $randomDomainName $randomDomainSuffix $randomDomainWord
	$randomIP $randomIPV6 $randomUserAgent $randomHexColor $randomMACAddress $randomPassword
	$randomLoremWord $randomLoremWords $randomLoremSentence $randomLoremSlug $randomLoremSentences
	$randomLoremParagraph $randomLoremParagraphs $randomLoremText $randomLoremLines $randomFirstName
	$randomLastName $randomFullName $randomJobTitle $randomNamePrefix $randomNameSuffix
	$randomJobDescriptor $randomJobArea $randomJobType $randomUUID $randomBoolean $randomWord
	$randomAlphaNumeric $randomFileName $randomCommonFileName $randomMimeType $randomCommonFileType
	$randomCommonFileExt $randomFileType $randomFileExt $randomSemver`)

func TestDynamicNames(t *testing.T) {
	t.Parallel()
	if len(postmanDynamicNames) != 118 {
		t.Fatalf("reference list has %d names", len(postmanDynamicNames))
	}
	if got := len(DynamicNames()); got != 118 {
		t.Errorf("DynamicNames() has %d names, want 118", got)
	}
	for _, name := range postmanDynamicNames {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for range 20 {
				v, ok := Dynamic(name)
				if !ok || strings.TrimSpace(v) == "" {
					t.Fatalf("Dynamic(%q) = %q, %v", name, v, ok)
				}
			}
		})
	}
}

func TestDynamicFormats(t *testing.T) {
	t.Parallel()
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	tests := map[string]func(t *testing.T, v string){
		"$guid":       func(t *testing.T, v string) { match(t, uuid, v) },
		"$randomUUID": func(t *testing.T, v string) { match(t, regexp.MustCompile(`^[0-9a-f-]{36}$`), v) },
		"$timestamp": func(t *testing.T, v string) {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || abs(n-time.Now().Unix()) > 2 {
				t.Errorf("timestamp %q", v)
			}
		},
		"$isoTimestamp": func(t *testing.T, v string) {
			match(t, regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`), v)
			ts, err := time.Parse(time.RFC3339, v)
			if err != nil || time.Since(ts).Abs() > 2*time.Second {
				t.Errorf("isoTimestamp %q", v)
			}
		},
		"$randomInt": func(t *testing.T, v string) {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 1000 {
				t.Errorf("randomInt %q", v)
			}
		},
		"$randomPhoneNumber":    func(t *testing.T, v string) { match(t, regexp.MustCompile(`^\d{3}-\d{3}-\d{4}$`), v) },
		"$randomPhoneNumberExt": func(t *testing.T, v string) { match(t, regexp.MustCompile(`^\d{1,2}-\d{3}-\d{3}-\d{4}$`), v) },
		"$randomBoolean":        func(t *testing.T, v string) { match(t, regexp.MustCompile(`^(true|false)$`), v) },
		"$randomAlphaNumeric":   func(t *testing.T, v string) { match(t, regexp.MustCompile(`^[a-z0-9]$`), v) },
		"$randomHexColor":       func(t *testing.T, v string) { match(t, regexp.MustCompile(`^#[0-9a-f]{6}$`), v) },
		"$randomIP":             func(t *testing.T, v string) { match(t, regexp.MustCompile(`^\d+\.\d+\.\d+\.\d+$`), v) },
		"$randomSemver":         func(t *testing.T, v string) { match(t, regexp.MustCompile(`^\d\.\d\.\d$`), v) },
		"$randomPrice":          func(t *testing.T, v string) { match(t, regexp.MustCompile(`^\d{3}\.\d\d$`), v) },
		"$randomBankAccount":    func(t *testing.T, v string) { match(t, regexp.MustCompile(`^\d{8}$`), v) },
		"$randomPassword":       func(t *testing.T, v string) { match(t, regexp.MustCompile(`^\w{15}$`), v) },
		// faker 5's finance.bic, as Newman 6.2.2 gives it: NHMICUA1IEN, LRMEDGK1728, ABCEDEF1
		"$randomBankAccountBic": func(t *testing.T, v string) {
			match(t, regexp.MustCompile(`^[A-Z]{3}[AEIOU][A-Z]{2}[A-Z]1([A-Z][AEIOU][A-Z]|\d{3})?$`), v)
		},
		// Newman calls faker's image.dataUri without a size or colour: always this text
		"$randomImageDataUri": func(t *testing.T, v string) {
			const want = "data:image/svg+xml;charset=UTF-8,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%20version%3D%221.1%22%20baseProfile%3D%22full%22%20width%3D%22undefined%22%20height%3D%22undefined%22%3E%3Crect%20width%3D%22100%25%22%20height%3D%22100%25%22%20fill%3D%22grey%22%2F%3E%3Ctext%20x%3D%22NaN%22%20y%3D%22NaN%22%20font-size%3D%2220%22%20alignment-baseline%3D%22middle%22%20text-anchor%3D%22middle%22%20fill%3D%22white%22%3Eundefinedxundefined%3C%2Ftext%3E%3C%2Fsvg%3E"
			if v != want {
				t.Errorf("randomImageDataUri\n got %s\nwant %s", v, want)
			}
		},
		"$randomExampleEmail": func(t *testing.T, v string) { match(t, regexp.MustCompile(`^\S+@example\.(com|net|org)$`), v) },
		"$randomDatePast": func(t *testing.T, v string) {
			match(t, regexp.MustCompile(`^\w{3} \w{3} \d\d \d{4} \d\d:\d\d:\d\d GMT\+0000 \(Coordinated Universal Time\)$`), v)
		},
		"$randomWords": func(t *testing.T, v string) {
			if n := len(strings.Fields(v)); n < 2 {
				t.Errorf("randomWords %q has %d words", v, n)
			}
		},
	}
	for name, check := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for range 50 {
				v, ok := Dynamic(name)
				if !ok {
					t.Fatalf("%s unknown", name)
				}
				check(t, v)
			}
		})
	}
	// faker's password draws from \w: the underscore too (Newman: k_gqfxOfoTOWr8v)
	var pw strings.Builder
	for range 400 {
		v, _ := Dynamic("$randomPassword")
		pw.WriteString(v)
	}
	if !strings.Contains(pw.String(), "_") {
		t.Error("no underscore in 400 values of $randomPassword")
	}
	if _, ok := Dynamic("$notAThing"); ok {
		t.Error("unknown dynamic variable resolved")
	}
	if a, b := NewUUID(), NewUUID(); a == b {
		t.Error("two UUIDs are equal")
	}
	sc := Scopes{}
	if got := sc.Replace("{{$randomInt}}-{{$nope}}"); !regexp.MustCompile(`^\d{1,4}-\{\{\$nope\}\}$`).MatchString(got) {
		t.Errorf("Replace with dynamic vars = %q", got)
	}
}

func match(t *testing.T, re *regexp.Regexp, v string) {
	t.Helper()
	if !re.MatchString(v) {
		t.Errorf("%q does not match %s", v, re)
	}
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// TestSeedDynamicReproduces is not parallel: SeedDynamic changes process-wide state, and
// Go runs the package's parallel tests only after the sequential ones.
func TestSeedDynamicReproduces(t *testing.T) {
	t.Cleanup(func() { SeedDynamic(uint64(time.Now().UnixNano())) })
	names := []string{"$randomInt", "$guid", "$randomUUID", "$randomFirstName", "$randomEmail", "$randomLoremSentence",
		"$randomBoolean", "$randomAlphaNumeric", "$randomPhoneNumberExt", "$randomIP", "$randomWords", "$randomColor"}
	draw := func(seed uint64) string {
		SeedDynamic(seed)
		var out []string
		for range 3 {
			for _, n := range names {
				v, ok := Dynamic(n)
				if !ok {
					t.Fatalf("%s is not a dynamic variable", n)
				}
				out = append(out, v)
			}
		}
		return strings.Join(out, "|")
	}
	a, b, c := draw(42), draw(42), draw(43)
	if a != b {
		t.Errorf("seed 42 twice gave different values:\n%s\n%s", a, b)
	}
	if a == c {
		t.Errorf("seeds 42 and 43 gave the same values: %s", a)
	}
	if u := NewUUID(); strings.Contains(a, u) {
		t.Errorf("NewUUID (ids, nonces) follows the seed: %s", u)
	}
}
