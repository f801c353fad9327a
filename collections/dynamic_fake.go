package collections

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	fake "github.com/brianvoe/gofakeit/v7"
)

// Small word lists for generators gofakeit has no close match for. They are our own lists,
// chosen to give values of the same kind as Postman's.
var (
	localeCodes = strings.Fields(`af am ar az be bg bn bs ca cs cy da de el en eo es et eu fa fi fil fo fr
		fy ga gd gl gu ha haw he hi hr ht hu hy id ig is it ja jv ka kk km kn ko ku ky la lb lo lt lv
		mg mi mk ml mn mr ms mt my nb ne nl nn no ny pa pl ps pt ro ru sd si sk sl sm sn so sq sr st su
		sv sw ta te tg th tk tr tt ug uk ur uz vi xh yi yo zh zu`)
	directoryPaths = strings.Fields(`/bin /boot /dev /etc /etc/defaults /home /home/user /home/user/dir
		/lib /media /mnt /opt /opt/bin /opt/lib /opt/share /private/tmp /private/var /root /sbin /srv
		/tmp /usr /usr/bin /usr/include /usr/lib /usr/local/bin /usr/local/src /usr/sbin /usr/share
		/usr/src /var /var/log /var/mail /var/spool /var/tmp /Users /Library /Applications /System`)
	catchAdjectives   = strings.Fields(`Adaptive Automated Balanced Centralized Configurable Cross-platform Distributed Enhanced Ergonomic Integrated Intuitive Managed Optimized Proactive Robust Seamless Streamlined Synergistic Universal Virtual`)
	catchDescriptors  = strings.Fields(`24/7 asynchronous bi-directional client-driven dynamic executive global heuristic holistic interactive local mobile modular multimedia optimal real-time regional scalable systematic zero-defect`)
	catchNouns        = strings.Fields(`ability algorithm approach architecture array capability concept database framework hierarchy infrastructure interface matrix methodology middleware model paradigm policy protocol solution`)
	bsAdjectives      = strings.Fields(`B2B B2C back-end best-of-breed compelling cross-platform customized cutting-edge dynamic efficient end-to-end enterprise extensible frictionless granular holistic innovative integrated interactive intuitive next-generation real-time robust scalable seamless strategic sticky turn-key viral`)
	bsBuzzes          = strings.Fields(`aggregate architect benchmark brand cultivate deliver deploy drive empower enable engage engineer enhance evolve expedite facilitate generate grow harness implement incentivize innovate integrate iterate leverage maximize monetize optimize orchestrate redefine reinvent scale streamline synergize transform visualize`)
	bsNouns           = strings.Fields(`action-items applications architectures bandwidth channels communities content convergence deliverables e-commerce experiences functionalities infrastructures initiatives interfaces markets methodologies metrics mindshare models networks niches paradigms partnerships platforms portals relationships schemas solutions synergies systems technologies users`)
	dbColumns         = strings.Fields(`id title name email phone token group category password comment avatar status createdAt updatedAt`)
	dbTypes           = strings.Fields(`int varchar text date datetime time timestamp tinyint smallint mediumint bigint decimal float double real bit boolean serial blob binary enum set geometry point`)
	dbCollations      = strings.Fields(`utf8_unicode_ci utf8_general_ci utf8_bin ascii_bin ascii_general_ci cp1250_bin cp1250_general_ci latin1_swedish_ci utf8mb4_general_ci utf8mb4_unicode_ci`)
	dbEngines         = strings.Fields(`InnoDB MyISAM MEMORY CSV BLACKHOLE ARCHIVE`)
	accountKinds      = strings.Fields(`Checking Savings Money-Market Investment Home-Loan Credit-Card Auto-Loan Personal-Loan`)
	transactionTypes  = strings.Fields(`deposit withdrawal payment invoice`)
	currencySymbols   = strings.Fields(`$ € £ ¥ ₹ ₽ ₩ ₪ ₫ ₴ ₦ ₱ ฿ ₺ zł kr Kč CHF R$ Rp`)
	commonFileTypes   = strings.Fields(`video audio image text application`)
	commonFileExts    = strings.Fields(`pdf mpeg wav png jpeg gif mp4 mp3 m2v mpg webm html txt`)
	fileTypes         = strings.Fields(`application audio font image message model multipart text video`)
	domainSuffixes    = strings.Fields(`com net org biz info name`)
	alphaNumericChars = "abcdefghijklmnopqrstuvwxyz0123456789"
	bicCountries      = strings.Fields(`AD AE AT AU BE BG BR CA CH CN CY CZ DE DK EE ES FI FR GB GR HK HR HU IE IN IS IT JP LI LT LU LV MC MT MX NL NO NZ PL PT RO SE SG SI SK SM TR US ZA`)
	passwordChars     = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
)

func pick(list []string) string { return list[dynamicRand.IntN(len(list))] }

// jsDateString formats t as JS Date#toString in UTC.
func jsDateString(t time.Time) string {
	return t.UTC().Format("Mon Jan 02 2006 15:04:05") + " GMT+0000 (Coordinated Universal Time)"
}

func phoneNumber() string { return fake.Numerify("###-###-####") }

func words(n int, word func() string) string {
	w := make([]string, n)
	for i := range w {
		w[i] = word()
	}
	return strings.Join(w, " ")
}

func loremSentence() string { return fake.LoremIpsumSentence(3 + dynamicRand.IntN(8)) }

func loremSentences(n int, sep string) string {
	s := make([]string, n)
	for i := range s {
		s[i] = loremSentence()
	}
	return strings.Join(s, sep)
}

func fileName() string {
	return strings.ToLower(fake.Word()) + "_" + fake.Word() + "." + fake.FileExtension()
}

func imageURL(category string) func() string {
	return func() string {
		if category == "" {
			return "http://placeimg.com/640/480"
		}
		return "http://placeimg.com/640/480/" + category
	}
}

// imageDataURI is the value Newman gives: postman-collection calls faker's image.dataUri with
// no width, height or colour, so the SVG always reads "undefined", NaN and grey, escaped as
// encodeURIComponent does.
func imageDataURI() string {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" baseProfile="full" width="undefined" height="undefined">` +
		`<rect width="100%" height="100%" fill="grey"/><text x="NaN" y="NaN" font-size="20" alignment-baseline="middle" text-anchor="middle" fill="white">undefinedxundefined</text></svg>`
	return "data:image/svg+xml;charset=UTF-8," + strings.ReplaceAll(url.QueryEscape(svg), "+", "%20")
}

func iban() string {
	return "GB" + fake.Numerify("##") + strings.ToUpper(fake.LetterN(4)) + fake.Numerify("##############")
}

// bic has faker 5's finance.bic shape: three letters and a vowel, a country code, a letter
// and "1", then (10%) letter-vowel-letter or (30%) three digits.
func bic() string {
	vowels := []string{"A", "E", "I", "O", "U"}
	out := strings.ToUpper(fake.Lexify("???")) + pick(vowels) + pick(bicCountries) + strings.ToUpper(fake.Lexify("?")) + "1"
	switch p := dynamicRand.IntN(101); {
	case p < 10:
		out += strings.ToUpper(fake.Lexify("?")) + pick(vowels) + strings.ToUpper(fake.Lexify("?"))
	case p < 40:
		out += fake.Numerify("###")
	}
	return out
}

// password is faker 5's internet.password(): 15 characters matching \w.
func password() string {
	b := make([]byte, 15)
	for i := range b {
		b[i] = passwordChars[dynamicRand.IntN(len(passwordChars))]
	}
	return string(b)
}

func fakeDynamics() map[string]func() string {
	m := map[string]func() string{}
	for k, v := range fakeMisc() {
		m[k] = v
	}
	for k, v := range fakeBusiness() {
		m[k] = v
	}
	for k, v := range fakeWeb() {
		m[k] = v
	}
	for k, v := range fakeText() {
		m[k] = v
	}
	return m
}

func fakeMisc() map[string]func() string {
	return map[string]func() string{
		"$randomPhoneNumber":    phoneNumber,
		"$randomPhoneNumberExt": func() string { return strconv.Itoa(1+dynamicRand.IntN(99)) + "-" + phoneNumber() },
		"$randomLocale":         func() string { return pick(localeCodes) },
		"$randomWords":          func() string { return words(2+dynamicRand.IntN(4), fake.Word) },
		"$randomDirectoryPath":  func() string { return pick(directoryPaths) },
		"$randomFilePath":       func() string { return pick(directoryPaths) + "/" + fileName() },
		"$randomCity":           fake.City,
		"$randomStreetName":     func() string { return fake.StreetName() + " " + fake.StreetSuffix() },
		"$randomStreetAddress":  fake.Street,
		"$randomCountry":        fake.Country,
		"$randomCountryCode":    fake.CountryAbr,
		"$randomLatitude":       func() string { return strconv.FormatFloat(fake.Latitude(), 'f', 4, 64) },
		"$randomLongitude":      func() string { return strconv.FormatFloat(fake.Longitude(), 'f', 4, 64) },
		"$randomDatePast":       func() string { return jsDateString(time.Now().Add(-randDuration(365 * 24 * time.Hour))) },
		"$randomDateFuture":     func() string { return jsDateString(time.Now().Add(randDuration(365 * 24 * time.Hour))) },
		"$randomDateRecent":     func() string { return jsDateString(time.Now().Add(-randDuration(24 * time.Hour))) },
		"$randomMonth":          fake.MonthString,
		"$randomWeekday":        fake.WeekDay,
		"$randomFirstName":      fake.FirstName,
		"$randomLastName":       fake.LastName,
		"$randomFullName":       fake.Name,
		"$randomJobTitle":       func() string { return fake.JobDescriptor() + " " + fake.JobLevel() + " " + fake.JobTitle() },
		"$randomNamePrefix":     fake.NamePrefix,
		"$randomNameSuffix":     fake.NameSuffix,
		"$randomJobDescriptor":  fake.JobDescriptor,
		"$randomJobArea":        fake.JobLevel,
		"$randomJobType":        fake.JobTitle,
		"$randomBoolean":        func() string { return strconv.FormatBool(dynamicRand.IntN(2) == 1) },
		"$randomWord":           fake.Word,
		"$randomAlphaNumeric":   func() string { return string(alphaNumericChars[dynamicRand.IntN(len(alphaNumericChars))]) },
		"$randomFileName":       fileName,
		"$randomCommonFileName": func() string { return strings.ToLower(fake.Word()) + "." + pick(commonFileExts) },
		"$randomMimeType":       fake.FileMimeType,
		"$randomCommonFileType": func() string { return pick(commonFileTypes) },
		"$randomCommonFileExt":  func() string { return pick(commonFileExts) },
		"$randomFileType":       func() string { return pick(fileTypes) },
		"$randomFileExt":        fake.FileExtension,
		"$randomSemver": func() string {
			return fmt.Sprintf("%d.%d.%d", dynamicRand.IntN(10), dynamicRand.IntN(10), dynamicRand.IntN(10))
		},
	}
}

// randDuration returns a random duration from one second up to limit plus one second, so a
// "past" or "future" date is never the present instant.
func randDuration(limit time.Duration) time.Duration {
	return time.Duration(dynamicRand.Int64N(int64(limit))) + time.Second
}

func fakeBusiness() map[string]func() string {
	return map[string]func() string{
		"$randomColor":                 fake.SafeColor,
		"$randomDepartment":            fake.ProductCategory,
		"$randomProductName":           fake.ProductName,
		"$randomProductAdjective":      fake.AdjectiveDescriptive,
		"$randomProductMaterial":       fake.ProductMaterial,
		"$randomProduct":               func() string { return capitalise(fake.NounConcrete()) },
		"$randomCompanyName":           fake.Company,
		"$randomCompanySuffix":         fake.CompanySuffix,
		"$randomCatchPhrase":           func() string { return pick(catchAdjectives) + " " + pick(catchDescriptors) + " " + pick(catchNouns) },
		"$randomBs":                    func() string { return pick(bsBuzzes) + " " + pick(bsAdjectives) + " " + pick(bsNouns) },
		"$randomCatchPhraseAdjective":  func() string { return pick(catchAdjectives) },
		"$randomCatchPhraseDescriptor": func() string { return pick(catchDescriptors) },
		"$randomCatchPhraseNoun":       func() string { return pick(catchNouns) },
		"$randomBsAdjective":           func() string { return pick(bsAdjectives) },
		"$randomBsBuzz":                func() string { return pick(bsBuzzes) },
		"$randomBsNoun":                func() string { return pick(bsNouns) },
		"$randomDatabaseColumn":        func() string { return pick(dbColumns) },
		"$randomDatabaseType":          func() string { return pick(dbTypes) },
		"$randomDatabaseCollation":     func() string { return pick(dbCollations) },
		"$randomDatabaseEngine":        func() string { return pick(dbEngines) },
		"$randomBankAccount":           func() string { return fake.Numerify("########") },
		"$randomBankAccountName":       func() string { return strings.ReplaceAll(pick(accountKinds), "-", " ") + " Account" },
		"$randomCreditCardMask":        func() string { return fake.Numerify("####") },
		"$randomPrice":                 func() string { return strconv.FormatFloat(fake.Price(100, 999), 'f', 2, 64) },
		"$randomTransactionType":       func() string { return pick(transactionTypes) },
		"$randomCurrencyCode":          fake.CurrencyShort,
		"$randomCurrencyName":          fake.CurrencyLong,
		"$randomCurrencySymbol":        func() string { return pick(currencySymbols) },
		"$randomBitcoin":               fake.BitcoinAddress,
		"$randomBankAccountIban":       iban,
		"$randomBankAccountBic":        bic,
		"$randomAbbreviation":          fake.HackerAbbreviation,
		"$randomAdjective":             fake.HackerAdjective,
		"$randomNoun":                  fake.HackerNoun,
		"$randomVerb":                  fake.HackerVerb,
		"$randomIngverb":               fake.HackeringVerb,
		"$randomPhrase":                fake.HackerPhrase,
	}
}

func fakeWeb() map[string]func() string {
	m := map[string]func() string{
		"$randomAvatarImage": func() string {
			return "https://cdn.fakercloud.com/avatars/" + strings.ToLower(userName()) + "_128.jpg"
		},
		"$randomImageUrl":     imageURL(""),
		"$randomImageDataUri": imageDataURI,
		"$randomEmail":        fake.Email,
		"$randomExampleEmail": func() string {
			return strings.ToLower(userName()) + "@example." + pick(domainSuffixes[:3])
		},
		"$randomUserName":     userName,
		"$randomProtocol":     func() string { return pick([]string{"http", "https"}) },
		"$randomUrl":          fake.URL,
		"$randomDomainName":   fake.DomainName,
		"$randomDomainSuffix": fake.DomainSuffix,
		"$randomDomainWord": func() string {
			w, _, _ := strings.Cut(fake.DomainName(), ".")
			return w
		},
		"$randomIP":         fake.IPv4Address,
		"$randomIPV6":       fake.IPv6Address,
		"$randomUserAgent":  fake.UserAgent,
		"$randomHexColor":   func() string { return strings.ToLower(fake.HexColor()) },
		"$randomMACAddress": fake.MacAddress,
		"$randomPassword":   password,
	}
	for _, c := range []string{"Abstract", "Animals", "Business", "Cats", "City", "Food", "Nightlife",
		"Fashion", "People", "Nature", "Sports", "Transport"} {
		m["$random"+c+"Image"] = imageURL(strings.ToLower(c))
	}
	return m
}

func fakeText() map[string]func() string {
	return map[string]func() string{
		"$randomLoremWord":      fake.LoremIpsumWord,
		"$randomLoremWords":     func() string { return words(3, fake.LoremIpsumWord) },
		"$randomLoremSentence":  loremSentence,
		"$randomLoremSlug":      func() string { return strings.ReplaceAll(words(3, fake.LoremIpsumWord), " ", "-") },
		"$randomLoremSentences": func() string { return loremSentences(2+dynamicRand.IntN(5), " ") },
		"$randomLoremParagraph": func() string { return loremSentences(3, " ") },
		"$randomLoremParagraphs": func() string {
			return strings.Join([]string{loremSentences(3, " "), loremSentences(3, " "), loremSentences(3, " ")}, "\n \r")
		},
		"$randomLoremText":  func() string { return loremSentences(1+dynamicRand.IntN(3), " ") },
		"$randomLoremLines": func() string { return loremSentences(1+dynamicRand.IntN(5), "\n") },
	}
}

// userName is a user name without spaces (gofakeit's may contain some).
func userName() string { return strings.ReplaceAll(fake.Username(), " ", ".") }

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
